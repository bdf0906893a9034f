using Microsoft.AspNetCore.Http;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// An authorization request (<c>/oauth2/v2.0/authorize</c>) after the checks Entra makes. Errors about the app or its redirect URI
/// are shown on the sign-in page, never sent to an unverified address; the rest go back to the app, as OAuth says.
/// </summary>
internal sealed record AuthorizeRequest(string ClientId, string RedirectUri, string Scope, string State, string? Nonce, string? CodeChallenge, bool FormPost)
{
    public static (AuthorizeRequest? Request, EntraError? PageError, (string Error, string Description)? RedirectError) Parse(IQueryCollection query, OperatorTenant tenant)
    {
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (clientId.Length == 0)
        {
            return (null, EntraError.MissingParameter("client_id"), null);
        }

        if (!tenant.IsProductApp(clientId))
        {
            return (null, EntraError.AppNotFound(clientId, tenant.Options.TenantId.ToString()), null);
        }

        if (!tenant.IsRedirectUri(redirectUri))
        {
            return (null, new EntraError(400, "invalid_request", 50011,
                $"The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'."), null);
        }

        var responseMode = query["response_mode"].ToString();
        var request = new AuthorizeRequest(
            clientId, redirectUri, query["scope"].ToString(), query["state"].ToString(), NullIfEmpty(query["nonce"]), NullIfEmpty(query["code_challenge"]),
            responseMode == "form_post");
        var responseType = query["response_type"].ToString();
        if (responseType != "code")
        {
            return (request, null, ("unsupported_response_type", $"AADSTS700054: response_type '{responseType}' is not enabled for the application; this app signs in with 'code'."));
        }

        if (responseMode is not ("" or "query" or "form_post"))
        {
            return (request, null, ("invalid_request", $"response_mode '{responseMode}' is not supported for response_type 'code'; use query or form_post."));
        }

        if (!request.Scope.Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            return (request, null, ("invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid: signing a user in needs the 'openid' scope."));
        }

        if (request.CodeChallenge is not null && query["code_challenge_method"].ToString() != "S256")
        {
            return (request, null, ("invalid_request", "code_challenge_method must be S256: this emulator does not accept plain PKCE challenges."));
        }

        return (request, null, null);
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;
}
