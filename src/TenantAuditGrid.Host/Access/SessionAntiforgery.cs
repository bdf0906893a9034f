using Microsoft.AspNetCore.Antiforgery;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Cross-site request forgery defence for browser sessions. A request that a session cookie authenticated and that may change
/// something (any method but GET, HEAD, OPTIONS and TRACE) must carry ASP.NET Core's antiforgery token, in the
/// <see cref="HeaderName"/> header or the form field, or it is refused with 400 before authorization runs. Bearer callers are not
/// asked: a browser never attaches their credential on its own, so another site cannot borrow it.
/// </summary>
public static class SessionAntiforgery
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IServiceCollection AddSessionAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = "TenantAuditGrid.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    /// <summary>Between authentication, which says whether a session cookie authenticated the request, and authorization.</summary>
    public static IApplicationBuilder UseSessionAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsSession(context) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Antiforgery token missing or invalid",
                        detail: $"A browser session's request that changes something must send the token from GET /api/me/antiforgery in the {HeaderName} header.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>Whether the caller is a signed-in browser session rather than a bearer credential.</summary>
    public static bool IsSession(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: OperatorSchemes.Session };
}
