using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer tagk_…</c>: finds the key by its public id, compares the secret's hash in constant time,
/// and refuses revoked or expired keys. The identity carries the key's role as an app role, exactly as an Entra token would.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerCredential.From(Request) is not { } credential)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.TryParse(credential, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail($"The bearer credential is not an API key ({ApiKeyFormat.Prefix}...) or an accepted Entra token.");
        }

        var key = await keys.GetAsync(keyId, Context.RequestAborted);
        if (key is null || !ApiKeyFormat.Matches(secret, key.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is not known.");
        }

        var now = TimeProvider.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key was revoked.");
        }

        if (key.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("The API key has expired.");
        }

        if (!OperatorRoles.TryParseApiName(key.Role, out var role))
        {
            return AuthenticateResult.Fail("The API key's role is not one this version knows.");
        }

        // The store coalesces too (another silo may have just written); checking here first spares the write on most requests.
        if (key.LastUsedAt is null || key.LastUsedAt <= now - IApiKeyStore.LastUsedResolution)
        {
            await keys.RecordUseAsync(key.KeyId, now, Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(OperatorClaims.ObjectId, ApiKeyCaller.Id(key.KeyId)),
                new Claim(OperatorClaims.ApiKeyId, key.KeyId),
                new Claim(OperatorClaims.Name, key.DisplayName),
                new Claim(OperatorRoles.ClaimType, OperatorRoles.AppRoleValue(role)),
            ],
            Scheme.Name,
            OperatorClaims.Name,
            OperatorRoles.ClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750's challenge; the reason names what was wrong with the key, never the key.
        Response.Headers.WWWAuthenticate = result.Failure is { } failure
            ? $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\""
            : "Bearer";
    }
}
