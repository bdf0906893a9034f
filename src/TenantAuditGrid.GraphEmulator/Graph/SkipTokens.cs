using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Opaque <c>$skiptoken</c>s: the paging state, encrypted and authenticated with ASP.NET Core Data Protection under a
/// per-run key, with an expiry on the emulated clock. Clients can neither read nor forge them.
/// </summary>
internal sealed class SkipTokens(EmulatorOptions options, TimeProvider clock)
{
    private readonly IDataProtector protector = new EphemeralDataProtectionProvider().CreateProtector("TenantAuditGrid.GraphEmulator.SkipToken");

    public string Issue(SkipTokenState state) =>
        WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(state with { ExpiresAt = clock.GetUtcNow() + options.SkipTokenLifetime })));

    /// <summary>The state, or null when the token is malformed, forged or expired.</summary>
    public SkipTokenState? Read(string token)
    {
        try
        {
            var state = JsonSerializer.Deserialize<SkipTokenState>(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            return state is not null && state.ExpiresAt > clock.GetUtcNow() ? state : null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>A page cursor; <paramref name="Collection"/> keeps a token of one collection from being replayed on another.</summary>
internal sealed record SkipTokenState(
    string Collection, Guid TenantId, string ClientId, string? Filter, string? OrderBy, int Top, DateTimeOffset CursorTime, string CursorId, DateTimeOffset ExpiresAt);
