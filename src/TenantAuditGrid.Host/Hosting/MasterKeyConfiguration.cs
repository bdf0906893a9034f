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
            OwnerOnlyFile.Create(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(Key, File.ReadAllText(path).Trim())]);
    }
}
