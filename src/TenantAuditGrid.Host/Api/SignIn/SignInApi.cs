using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Host.Access;

namespace TenantAuditGrid.Host.Api.SignIn;

/// <summary>
/// Browser sign-in: <c>GET /signin</c> starts the OpenID Connect sign-in at the MSP's tenant (the handler itself answers its
/// callback, <c>/signin-oidc</c>), <c>POST /signout</c> ends the session there and here, and <c>GET /api/me/antiforgery</c> gives a
/// session the token its changing requests must carry.
/// </summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/signin", SignIn).WithTags("Sign-in").AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/signout", SignOut).WithTags("Sign-in").AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/api/me/antiforgery", Antiforgery).WithTags("Operators").RequireRole(OperatorRole.Reader);
        return endpoints;
    }

    private static IResult SignIn(string? returnUrl, HttpContext context, IOptions<OperatorSignInOptions> options)
    {
        if (!options.Value.BrowserSignInConfigured)
        {
            return NotConfigured();
        }

        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        return SessionAntiforgery.IsSession(context)
            ? Results.LocalRedirect(target)
            : Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OperatorSchemes.SignIn]);
    }

    // The antiforgery middleware has checked a session's token by now; without a session there is nothing to end.
    private static IResult SignOut(HttpContext context, IOptions<OperatorSignInOptions> options) =>
        options.Value.BrowserSignInConfigured && SessionAntiforgery.IsSession(context)
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OperatorSchemes.Session, OperatorSchemes.SignIn])
            : Results.LocalRedirect("/");

    private static IResult Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        if (!SessionAntiforgery.IsSession(context))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a browser session",
                detail: "Only requests a browser session authenticates need an antiforgery token; bearer callers send none.");
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryView(SessionAntiforgery.HeaderName, tokens.RequestToken!));
    }

    private static IResult NotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Browser sign-in is not configured",
        detail: $"Set {OperatorSignInOptions.SectionName}:TenantId, ClientId and ClientSecret to sign in with Microsoft Entra ID; API keys work without them.");

    /// <summary>Only a path on this site: an open redirect would let a link to /signin send a signed-in person anywhere.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\n') && !url.Contains('\r');
}

/// <param name="HeaderName">The header a session's changing requests carry the token in.</param>
public sealed record AntiforgeryView(string HeaderName, string Token);
