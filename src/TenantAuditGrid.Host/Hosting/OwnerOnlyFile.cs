namespace TenantAuditGrid.Host.Hosting;

/// <summary>Secret files embedded mode writes into its data directory (the master key, the bootstrap admin key).</summary>
public static class OwnerOnlyFile
{
    /// <summary>
    /// Creates the file, failing if it exists, with owner-only permissions from the first byte rather than chmod-ed afterwards, so
    /// the secret is never briefly readable by others.
    /// </summary>
    public static void Create(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var file = new StreamWriter(path, options);
        file.Write(content);
    }
}
