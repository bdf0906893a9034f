using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>What an authorization code stands for: who signed in, for which app and redirect URI, and the PKCE challenge to meet.</summary>
internal sealed record AuthorizationGrant(Guid UserId, string ClientId, string RedirectUri, string Scope, string? Nonce, string? CodeChallenge, DateTimeOffset Expires);

/// <summary>
/// Authorization codes as Entra treats them: random, redeemable once, for about ten minutes. A code that was presented is spent even
/// when its redemption fails, so a stolen code tried with a wrong verifier cannot be tried again.
/// </summary>
internal sealed class AuthorizationCodes(EmulatorOptions options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, AuthorizationGrant> codes = new(StringComparer.Ordinal);

    public string Issue(Guid userId, string clientId, string redirectUri, string scope, string? nonce, string? codeChallenge)
    {
        var now = options.WallClock.GetUtcNow();
        foreach (var (expiredCode, _) in codes.Where(c => c.Value.Expires <= now))
        {
            codes.TryRemove(expiredCode, out _);
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        codes[code] = new AuthorizationGrant(userId, clientId, redirectUri, scope, nonce, codeChallenge, now + Lifetime);
        return code;
    }

    /// <summary>The grant behind a live code, removing it; null when the code is unknown, spent or expired.</summary>
    public AuthorizationGrant? Redeem(string code) =>
        codes.TryRemove(code, out var grant) && grant.Expires > options.WallClock.GetUtcNow() ? grant : null;

    /// <summary>RFC 7636 S256: the challenge is the base64url SHA-256 of the verifier.</summary>
    public static bool VerifierMatches(string challenge, string verifier) =>
        verifier.Length is >= 43 and <= 128
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            Encoding.ASCII.GetBytes(challenge));
}
