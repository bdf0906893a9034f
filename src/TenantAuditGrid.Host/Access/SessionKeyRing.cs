using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Store.SessionKeys;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Where the keys that protect session and antiforgery cookies live: in the audit store (SQLite beside embedded data, PostgreSQL for
/// a cluster), so a restart does not sign everyone out and every silo reads the cookies any silo issued, each key encrypted under the
/// credential master key.
/// </summary>
public static class SessionKeyRing
{
    public static IServiceCollection AddSessionKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("TenantAuditGrid");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new StoredKeyRing(sp.GetRequiredService<ISessionKeyStore>());
            o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<CredentialProtector>());
        }));
        return services;
    }
}
