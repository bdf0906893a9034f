using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Verifies a client assertion (RFC 7523 JWT) against the certificates registered on the app. The assertion's own lifetime is
/// checked on the wall clock, because clients stamp it with real time; certificate expiry is emulated time, like every
/// credential expiry the control API sets.
/// </summary>
internal sealed class ClientAssertionValidator(EmulatorOptions options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<EntraError?> ValidateAsync(string assertion, TokenRequestView app, IReadOnlyList<string> audiences)
    {
        if (app.Certificates.Length == 0)
        {
            return EntraError.InvalidAssertion($"No certificate is registered for app '{app.ClientId}'.");
        }

        foreach (var registered in app.Certificates)
        {
            var parameters = new TokenValidationParameters
            {
                IssuerSigningKey = new X509SecurityKey(registered.Certificate),
                ValidIssuer = app.ClientId,
                ValidAudiences = audiences,
                LifetimeValidator = TokenLifetime.On(options.WallClock),
                RequireExpirationTime = true,
                TryAllIssuerSigningKeys = true,
            };
            var result = await handler.ValidateTokenAsync(assertion, parameters).ConfigureAwait(false);
            if (result.IsValid)
            {
                if (result.ClaimsIdentity.FindFirst("sub")?.Value != app.ClientId)
                {
                    return EntraError.InvalidAssertion("The assertion's sub claim must be the client id.");
                }

                return registered.Expires is { } expires && expires <= clock.GetUtcNow() ? EntraError.ExpiredCertificate(app.ClientId) : null;
            }

            if (result.Exception is SecurityTokenInvalidAudienceException or SecurityTokenInvalidIssuerException or SecurityTokenInvalidLifetimeException)
            {
                // The signature matched this certificate; the claims are what is wrong.
                return EntraError.InvalidAssertion("The assertion's audience, issuer or lifetime is not valid.");
            }
        }

        return EntraError.InvalidAssertion("The assertion is not signed by a certificate registered on the app.");
    }
}
