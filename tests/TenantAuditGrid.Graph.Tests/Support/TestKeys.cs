using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Graph.Credentials;

namespace TenantAuditGrid.Graph.Tests.Support;

internal static class TestKeys
{
    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static CredentialProtector Protector(string masterKey, params string[] previous)
    {
        var options = new CredentialProtectionOptions { MasterKey = masterKey };
        foreach (var key in previous)
        {
            options.PreviousMasterKeys.Add(key);
        }

        return new CredentialProtector(Options.Create(options));
    }
}
