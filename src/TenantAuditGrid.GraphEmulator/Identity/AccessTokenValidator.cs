using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Checks a Graph bearer token the way Graph does: signature, audience, issuer matching tid, lifetime on the emulated clock.</summary>
internal sealed class AccessTokenValidator(TokenSigning signing, TimeProvider clock, EmulatorDirectory directory)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<CallerValidation> ValidateAsync(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return CallerValidation.Fail("Access token is empty.");
        }

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = signing.Key,
            ValidAudiences = [GraphAudience.Uri, GraphAudience.Uri + "/", GraphAudience.AppId],
            ValidateIssuer = false, // checked below against the token's own tid, as a multi-tenant resource does
            LifetimeValidator = TokenLifetime.On(clock),
            RequireExpirationTime = true,
        };
        var result = await handler.ValidateTokenAsync(authorizationHeader["Bearer ".Length..].Trim(), parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return CallerValidation.Fail(result.Exception is SecurityTokenInvalidLifetimeException
                ? "Lifetime validation failed, the token is expired."
                : "Access token validation failure. Invalid audience or signature.");
        }

        var identity = result.ClaimsIdentity;
        if (!Guid.TryParse(identity.FindFirst("tid")?.Value, out var tenantId)
            || identity.FindFirst("iss")?.Value != AccessTokenIssuer.IssuerFor(tenantId)
            || identity.FindFirst("appid")?.Value is not { } clientId)
        {
            return CallerValidation.Fail("Access token validation failure. Invalid issuer or tenant.");
        }

        if (directory.FindActivity(tenantId) is null)
        {
            return CallerValidation.Fail("Access token validation failure. The tenant does not exist.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(identity.FindFirst("iat")?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        var state = directory.ViewForGraphCall(tenantId, clientId);
        if (state is not null && issuedAt < state.TokensValidFrom)
        {
            return CallerValidation.Fail("Lifetime validation failed, the token is expired.");
        }

        // Graph honours the roles in the token, and a revocation takes effect at once here (a token cannot keep a role the
        // tenant took away): the effective roles are the token's roles that are still granted.
        var tokenRoles = identity.FindAll("roles").Select(c => c.Value);
        var current = state?.Roles ?? [];
        var roles = tokenRoles.Where(r => current.Contains(r, StringComparer.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new CallerValidation(new Caller(tenantId, clientId, roles, identity.FindFirst("oid")?.Value), null);
    }
}

/// <summary>The authenticated app calling Graph.</summary>
internal sealed record Caller(Guid TenantId, string ClientId, IReadOnlySet<string> Roles, string? ServicePrincipalId)
{
    public bool Has(string role) => Roles.Contains(role);
}

internal sealed record CallerValidation(Caller? Caller, string? Failure)
{
    public static CallerValidation Fail(string message) => new(null, message);
}
