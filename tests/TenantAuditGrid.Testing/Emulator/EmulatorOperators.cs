using Azure.Core;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Testing.Emulator;

/// <summary>
/// Callers of the product signed in at the emulator's MSP tenant: an app registration holding app roles of the product's API, whose
/// app-only token Azure.Identity fetches exactly as an automation script would from Entra.
/// </summary>
public static class EmulatorOperators
{
    public const string Reader = "TenantAuditGrid.Reader";
    public const string Operator = "TenantAuditGrid.Operator";
    public const string Admin = "TenantAuditGrid.Admin";

    /// <summary>A new client holding <paramref name="appRoles"/>, and a token for the product's API.</summary>
    public static async Task<string> AppTokenAsync(GraphEmulatorServer emulator, params string[] appRoles) =>
        (await AppAsync(emulator, [], appRoles)).Token;

    /// <summary>A new client holding <paramref name="appRoles"/>, a member of <paramref name="groups"/>: its object id and a token.</summary>
    public static async Task<(Guid ObjectId, string Token)> AppAsync(GraphEmulatorServer emulator, IReadOnlyCollection<Guid> groups, params string[] appRoles)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var client = emulator.Control.CreateOperatorClient($"test client ({string.Join(", ", appRoles)})", appRoles, groups);
        var credential = EmulatorClients.SecretCredential(emulator, client.TenantId, client.ClientId, client.ClientSecret);
        return (client.ObjectId, (await credential.GetTokenAsync(new TokenRequestContext([client.Scope]), CancellationToken.None)).Token);
    }
}
