using System.Security.Cryptography;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// The credential master key. A cluster must be given one (a Kubernetes Secret); an embedded laptop install makes its own on first
/// start and keeps it beside its data, readable by the owner only, so "dotnet run" needs no setup and restarts can still decrypt.
/// </summary>
public static class MasterKeyConfiguration
{
    private const string Key = CredentialProtectionOptions.SectionName + ":MasterKey";

    public static void Apply(WebApplicationBuilder builder, HostSettings settings)
    {
        if (builder.Configuration[Key] is { Length: > 0 })
        {
            return;
        }

        if (settings.Mode == HostMode.Cluster)
        {
            throw new HostConfigurationException(
                "cluster mode needs a credential master key: set TenantAuditGrid__Credentials__MasterKey to base64 of 32 random bytes (openssl rand -base64 32)");
        }

        Directory.CreateDirectory(settings.DataDirectoryFullPath);
        var path = Path.Combine(settings.DataDirectoryFullPath, "master.key");
        if (!File.Exists(path))
        {
            WriteOwnerOnly(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(Key, File.ReadAllText(path).Trim())]);
    }

    // Created with owner-only permissions from the first byte, not chmod-ed afterwards, so the key is never briefly world-readable.
    private static void WriteOwnerOnly(string path, string content)
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
