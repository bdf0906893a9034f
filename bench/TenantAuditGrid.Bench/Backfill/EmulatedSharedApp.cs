using Azure.Core.Pipeline;
using Azure.Identity;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Bench.Backfill;

/// <summary>
/// How the bench's own Graph clients (the naive script, the other tool) sign in as the emulator's shared app: Azure.Identity against
/// the emulator's authority, over connections that trust exactly the emulator's self-signed certificate.
/// </summary>
internal static class EmulatedSharedApp
{
    public static ClientSecretCredential Credential(GraphEmulatorServer emulator, Guid tenantId) =>
        new(tenantId.ToString(), emulator.SharedApp.ClientId, emulator.SharedApp.ClientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = emulator.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(PinnedHandler(emulator)),
        });

    public static HttpClientHandler PinnedHandler(GraphEmulatorServer emulator) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == emulator.Certificate.Thumbprint,
    };
}
