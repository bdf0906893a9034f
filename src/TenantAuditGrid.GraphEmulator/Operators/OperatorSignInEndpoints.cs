using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The MSP tenant's browser sign-in, as Entra runs it for a web app: the authorization-code flow with PKCE. <c>authorize</c> shows a
/// page listing the demo operators instead of asking for a password; picking one sends a single-use code to the app's registered
/// redirect URI, which the app redeems at the token endpoint with its secret and PKCE verifier for an ID token. <c>logout</c> ends
/// the sign-in and returns to a registered address.
/// </summary>
internal static class OperatorSignInEndpoints
{
    public static void MapOperatorSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{tenant}/oauth2/v2.0/authorize", ShowSignIn);
        routes.MapPost("/{tenant}/oauth2/v2.0/authorize", SignInAsync).DisableAntiforgery();
        routes.MapGet("/{tenant}/oauth2/v2.0/logout", SignOut);
    }

    private static IResult ShowSignIn(string tenant, HttpRequest request, OperatorTenant operators) =>
        Check(tenant, request, operators, out _) is { } refused
            ? refused
            : Results.Content(SignInPage.ChooseOperator(request.Path + request.QueryString, operators.Users()), "text/html; charset=utf-8");

    private static async Task<IResult> SignInAsync(string tenant, HttpRequest request, OperatorTenant operators, AuthorizationCodes codes)
    {
        if (Check(tenant, request, operators, out var authorize) is { } refused)
        {
            return refused;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync().ConfigureAwait(false) : null;
        if (!Guid.TryParse(form?["user"].ToString(), out var userId) || operators.FindUser(userId) is null)
        {
            return ErrorPage(new EntraError(400, "invalid_request", 50034, "The user account does not exist in this directory."));
        }

        var code = codes.Issue(userId, authorize.ClientId, authorize.RedirectUri, authorize.Scope, authorize.Nonce, authorize.CodeChallenge);
        return Respond(authorize, ("code", code), ("state", authorize.State));
    }

    private static IResult SignOut(string tenant, HttpRequest request, OperatorTenant operators)
    {
        var returnTo = request.Query["post_logout_redirect_uri"].ToString();
        if (!operators.IsTenant(tenant) || !operators.IsRedirectUri(returnTo))
        {
            return Results.Content(SignInPage.SignedOut(), "text/html; charset=utf-8");
        }

        return Results.Redirect(TokenEndpoint.WithQuery(new Uri(returnTo), ("state", request.Query["state"].ToString())));
    }

    /// <summary>
    /// The code grant at the token endpoint: the product's web app, with its secret, redeems a code for the redirect URI it was
    /// issued to, proving with the PKCE verifier that it is the party that started the sign-in.
    /// </summary>
    public static IResult RedeemCode(
        IFormCollection form, HttpRequest request, OperatorTenant operators, OperatorTokenIssuer tokens, AuthorizationCodes codes, EmulatorRuntime runtime)
    {
        var clientId = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        var code = form["code"].ToString();
        if (clientId.Length == 0 || code.Length == 0)
        {
            return TokenEndpoint.Fail(EntraError.MissingParameter(clientId.Length == 0 ? "client_id" : "code"), runtime);
        }

        if (!operators.IsProductApp(clientId))
        {
            return TokenEndpoint.Fail(EntraError.AppNotFound(clientId, operators.Options.TenantId.ToString()), runtime);
        }

        if (secret.Length == 0)
        {
            return TokenEndpoint.Fail(new EntraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."), runtime);
        }

        if (!TokenEndpoint.SecretEquals(operators.SignInSecret, secret))
        {
            return TokenEndpoint.Fail(EntraError.InvalidSecret(clientId), runtime);
        }

        // Spent on the first attempt whatever its outcome, as Entra spends it.
        if (codes.Redeem(code) is not { } grant || !string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenEndpoint.Fail(new EntraError(400, "invalid_grant", 70000, "The provided value for the 'code' parameter is not valid: it is unknown, expired or already redeemed."), runtime);
        }

        if (form["redirect_uri"].ToString() != grant.RedirectUri)
        {
            return TokenEndpoint.Fail(new EntraError(400, "invalid_grant", 500112, "The reply address does not match the reply address provided when requesting the authorization code."), runtime);
        }

        if (grant.CodeChallenge is { } challenge && !AuthorizationCodes.VerifierMatches(challenge, form["code_verifier"].ToString()))
        {
            return TokenEndpoint.Fail(new EntraError(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."), runtime);
        }

        if (operators.FindUser(grant.UserId) is not { } user)
        {
            return TokenEndpoint.Fail(new EntraError(400, "invalid_grant", 50034, "The user account does not exist in this directory."), runtime);
        }

        var root = RequestBaseAddress.Of(request);
        var idToken = tokens.IssueIdToken(root, user, grant.Nonce);
        var accessToken = tokens.IssueUserAccessToken(root, user, grant.Scope);
        var seconds = (long)operators.Options.TokenLifetime.TotalSeconds;
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = grant.Scope,
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = accessToken.AccessToken,
            ["id_token"] = idToken.AccessToken,
        });
    }

    private static IResult? Check(string tenant, HttpRequest request, OperatorTenant operators, out AuthorizeRequest authorize)
    {
        authorize = null!;
        if (!operators.IsTenant(tenant))
        {
            return ErrorPage(EntraError.TenantNotFound(tenant));
        }

        var (parsed, pageError, redirectError) = AuthorizeRequest.Parse(request.Query, operators);
        if (pageError is not null)
        {
            return ErrorPage(pageError);
        }

        authorize = parsed!;
        return redirectError is { } error
            ? Respond(authorize, ("error", error.Error), ("error_description", error.Description), ("state", authorize.State))
            : null;
    }

    private static IResult Respond(AuthorizeRequest authorize, params (string Name, string Value)[] parameters) =>
        authorize.FormPost
            ? Results.Content(SignInPage.FormPost(authorize.RedirectUri, parameters.Where(p => p.Value.Length > 0)), "text/html; charset=utf-8")
            : Results.Redirect(TokenEndpoint.WithQuery(new Uri(authorize.RedirectUri), parameters));

    private static IResult ErrorPage(EntraError error) =>
        Results.Content(SignInPage.Error($"AADSTS{error.Code}: {error.Description}"), "text/html; charset=utf-8", statusCode: error.StatusCode);
}
