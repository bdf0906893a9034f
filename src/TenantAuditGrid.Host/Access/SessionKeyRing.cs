using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Where the keys that protect session and antiforgery cookies live. Embedded mode keeps them in an owner-only directory beside its
/// data, so a restart does not sign everyone out; either way each key is encrypted under the credential master key.
/// </summary>
public static class SessionKeyRing
{
    public const string DirectoryName = "session-keys";

    public static IServiceCollection AddSessionKeyRing(this IServiceCollection services, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddDataProtection().SetApplicationName("TenantAuditGrid");

        // Configured when data protection is first used, after the settings were validated: a host refusing to start leaves its
        // data directory untouched.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<CredentialProtector>());
            if (settings.Mode == HostMode.Embedded)
            {
                o.XmlRepository = new FileSystemXmlRepository(OwnerOnlyDirectory(settings), sp.GetRequiredService<ILoggerFactory>());
            }
        }));
        return services;
    }

    private static DirectoryInfo OwnerOnlyDirectory(HostSettings settings)
    {
        var path = Path.Combine(settings.DataDirectoryFullPath, DirectoryName);
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
