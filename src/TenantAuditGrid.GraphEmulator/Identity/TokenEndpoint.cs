using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Entra's v2 token endpoint (client credentials; the MSP tenant's code grant too), OpenID metadata, keys and admin consent.</summary>
internal static class TokenEndpoint
{
    private const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void MapEntra(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync);
        routes.MapGet("/{tenant}/adminconsent", AdminConsent);
        routes.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", OpenIdConfiguration);
        routes.MapGet("/{tenant}/discovery/v2.0/keys", (TokenSigning signing) => TypedResults.Json(new { keys = new[] { signing.PublicJwk() } }));
    }

    private static async Task<IResult> IssueAsync(
        string tenant,
        HttpRequest request,
        EmulatorDirectory directory,
        ClientAssertionValidator assertions,
        AccessTokenIssuer issuer,
        OperatorTenant operators,
        OperatorTokenIssuer operatorTokens,
        AuthorizationCodes codes,
        EmulatorRuntime runtime)
    {
        if (!request.HasFormContentType)
        {
            return Fail(EntraError.MissingParameter("grant_type"), runtime);
        }

        var form = await request.ReadFormAsync().ConfigureAwait(false);
        if (operators.IsTenant(tenant))
        {
            return form["grant_type"].ToString() == "authorization_code"
                ? OperatorSignInEndpoints.RedeemCode(form, request, operators, operatorTokens, codes, runtime)
                : IssueForProductApi(form, request, operators, operatorTokens, runtime);
        }

        if (directory.ResolveTenant(tenant) is not { } tenantId)
        {
            return Fail(EntraError.TenantNotFound(tenant), runtime);
        }

        var grantType = form["grant_type"].ToString();
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        if (grantType.Length == 0)
        {
            return Fail(EntraError.MissingParameter("grant_type"), runtime);
        }

        if (grantType != "client_credentials")
        {
            return Fail(EntraError.UnsupportedGrantType(grantType), runtime);
        }

        if (clientId.Length == 0)
        {
            return Fail(EntraError.MissingParameter("client_id"), runtime);
        }

        if (scope.Length == 0)
        {
            return Fail(EntraError.MissingParameter("scope"), runtime);
        }

        if (!GraphAudience.IsGraphDefaultScope(scope))
        {
            return Fail(EntraError.InvalidScope(scope), runtime);
        }

        if (directory.ViewForTokenRequest(tenantId, clientId) is not { } app)
        {
            return Fail(EntraError.AppNotFound(clientId, tenant), runtime);
        }

        int credentialKind;
        var secret = form["client_secret"].ToString();
        var assertion = form["client_assertion"].ToString();
        if (secret.Length > 0)
        {
            credentialKind = 1;
            var matched = app.Secrets.FirstOrDefault(s => SecretEquals(s.Value, secret));
            if (matched is null)
            {
                return Fail(EntraError.InvalidSecret(app.ClientId), runtime);
            }

            if (matched.Expires is { } expires && expires <= runtime.Clock.GetUtcNow())
            {
                return Fail(EntraError.ExpiredSecret(app.ClientId), runtime);
            }
        }
        else if (assertion.Length > 0)
        {
            credentialKind = 2;
            if (form["client_assertion_type"].ToString() != JwtBearerAssertionType)
            {
                return Fail(EntraError.InvalidAssertionType(), runtime);
            }

            var root = RequestBaseAddress.Of(request);
            var endpoint = new Uri(root, $"{tenant}/oauth2/v2.0/token").ToString();
            var byId = new Uri(root, $"{tenantId}/oauth2/v2.0/token").ToString();
            if (await assertions.ValidateAsync(assertion, app, [endpoint, byId, root.ToString()]).ConfigureAwait(false) is { } invalid)
            {
                return Fail(invalid, runtime);
            }
        }
        else
        {
            return Fail(new EntraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."), runtime);
        }

        if (app.Principal is null)
        {
            return Fail(EntraError.MissingServicePrincipal(app.ClientId, tenantId), runtime);
        }

        if (app.Principal.ConsentRequired)
        {
            return Fail(EntraError.ConsentRequired(app.ClientId), runtime);
        }

        var token = issuer.Issue(tenantId, app, app.Principal, credentialKind);
        // expires_in is in wall-clock seconds so that official clients (which time their caches on the wall clock) refresh
        // before the token expires on the emulated clock.
        var wallSeconds = Math.Max(1, (long)runtime.Clock.ToWall(token.ExpiresOn - runtime.Clock.GetUtcNow()).TotalSeconds - 1);
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = wallSeconds,
            ["ext_expires_in"] = wallSeconds,
            ["access_token"] = token.AccessToken,
        });
    }

    /// <summary>The MSP tenant's client-credentials grant for the product's own API: secret-authenticated automation clients.</summary>
    private static IResult IssueForProductApi(
        IFormCollection form, HttpRequest request, OperatorTenant operators, OperatorTokenIssuer operatorTokens, EmulatorRuntime runtime)
    {
        var grantType = form["grant_type"].ToString();
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        var secret = form["client_secret"].ToString();
        if (grantType != "client_credentials")
        {
            return Fail(grantType.Length == 0 ? EntraError.MissingParameter("grant_type") : EntraError.UnsupportedGrantType(grantType), runtime);
        }

        if (clientId.Length == 0 || scope.Length == 0)
        {
            return Fail(EntraError.MissingParameter(clientId.Length == 0 ? "client_id" : "scope"), runtime);
        }

        if (!operators.IsApiDefaultScope(scope))
        {
            return Fail(EntraError.InvalidScope(scope), runtime);
        }

        if (operators.FindClient(clientId) is not { } client)
        {
            return Fail(EntraError.AppNotFound(clientId, operators.Options.TenantId.ToString()), runtime);
        }

        if (!SecretEquals(client.Secret, secret))
        {
            return Fail(EntraError.InvalidSecret(clientId), runtime);
        }

        var token = operatorTokens.IssueAppOnly(RequestBaseAddress.Of(request), client);
        var seconds = (long)operators.Options.TokenLifetime.TotalSeconds;
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token.AccessToken,
        });
    }

    private static IResult AdminConsent(string tenant, HttpRequest request, EmulatorDirectory directory, EmulatorRuntime runtime)
    {
        var clientId = request.Query["client_id"].ToString();
        var redirect = request.Query["redirect_uri"].ToString();
        var state = request.Query["state"].ToString();
        if (clientId.Length == 0)
        {
            return Fail(EntraError.MissingParameter("client_id"), runtime);
        }

        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri))
        {
            return Fail(new EntraError(400, "invalid_request", 50011, "The redirect URI specified in the request does not match the redirect URIs configured for the application."), runtime);
        }

        if (directory.ResolveTenant(tenant) is not { } tenantId)
        {
            return Fail(EntraError.TenantNotFound(tenant), runtime);
        }

        if (directory.FindApp(clientId) is not { } app || (app.HomeTenantId is { } home && home != tenantId))
        {
            return Results.Redirect(WithQuery(redirectUri, ("error", "unauthorized_client"), ("error_description", $"AADSTS700016: Application with identifier '{clientId}' was not found."), ("state", state)));
        }

        directory.Grant(tenantId, app.ClientId, roles: null);
        return Results.Redirect(WithQuery(redirectUri, ("tenant", tenantId.ToString()), ("state", state), ("admin_consent", "True")));
    }

    private static IResult OpenIdConfiguration(string tenant, HttpRequest request, EmulatorDirectory directory, EmulatorRuntime runtime)
    {
        var id = directory.ResolveTenant(tenant)?.ToString() ?? tenant;
        var root = RequestBaseAddress.Of(request);

        // The pages a browser opens are on the plain-http loopback address when there is one, so a demo sign-in meets no
        // certificate warning; everything a program calls stays on the address it asked.
        var browser = runtime.BrowserAddress ?? root;
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = new Uri(root, $"{id}/v2.0").ToString(),
            ["token_endpoint"] = new Uri(root, $"{tenant}/oauth2/v2.0/token").ToString(),
            ["authorization_endpoint"] = new Uri(browser, $"{tenant}/oauth2/v2.0/authorize").ToString(),
            ["end_session_endpoint"] = new Uri(browser, $"{tenant}/oauth2/v2.0/logout").ToString(),
            ["jwks_uri"] = new Uri(root, $"{tenant}/discovery/v2.0/keys").ToString(),
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt" },
            ["grant_types_supported"] = new[] { "client_credentials", "authorization_code" },
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["tenant_region_scope"] = "EU",
        });
    }

    internal static IResult Fail(EntraError error, EmulatorRuntime runtime) =>
        TypedResults.Json(error.ToBody(runtime.Clock.GetUtcNow(), runtime.BaseAddress), statusCode: error.StatusCode);

    internal static bool SecretEquals(string registered, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(registered), Encoding.UTF8.GetBytes(presented));

    internal static string WithQuery(Uri target, params (string Name, string Value)[] parameters)
    {
        var query = new StringBuilder(target.Query.Length > 1 ? target.Query[1..] + "&" : string.Empty);
        foreach (var (name, value) in parameters.Where(p => p.Value.Length > 0))
        {
            query.Append(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}&");
        }

        return new UriBuilder(target) { Query = query.ToString().TrimEnd('&') }.Uri.ToString();
    }
}
