using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Customers;

namespace TenantAuditGrid.Host.Api.SignIn;

/// <summary>
/// <c>GET /</c>: where a browser lands. Signed out, a link to sign in; signed in, who the person is, their role and customers, links
/// to the API they can now open in the browser, and a sign-out button. The dashboard will grow from here.
/// </summary>
public static class HomePage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", RenderAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RenderAsync(
        HttpContext context, IOptions<OperatorSignInOptions> signIn, IAntiforgery antiforgery, OperatorScopeResolver scopes, VisibleCustomers customers)
    {
        // Nothing on this page may be framed or load anything from elsewhere. No form-action: browsers apply it to the redirects after
        // a post too, and signing out posts here and is then redirected to the tenant's sign-out page.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        if (!SessionAntiforgery.IsSession(context))
        {
            var body = signIn.Value.BrowserSignInConfigured
                ? "<p><a href=\"/signin\">Sign in with Microsoft Entra ID</a></p>"
                : $"<p>Browser sign-in is not configured (set {Html.Encode(OperatorSignInOptions.SectionName)}:TenantId, ClientId and ClientSecret). The API takes an API key as <code>Authorization: Bearer</code>.</p>";
            return Page(body);
        }

        var caller = OperatorCaller.From(context.User);
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        var signOut = $"<form method=\"post\" action=\"/signout\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{Html.Encode(token)}\"><button type=\"submit\">Sign out</button></form>";
        if (caller.Role is not { } role)
        {
            return Page($"<p>Signed in as <strong>{Html.Encode(caller.DisplayName)}</strong>, who holds no TenantAuditGrid role. An Entra administrator assigns one on the app's enterprise application.</p>{signOut}");
        }

        var scope = await scopes.CustomersAsync(context);
        var visible = await customers.ListAsync(context);
        var customerText = scope.AllCustomers ? "every customer" : visible.Count == 0 ? "no customers yet" : string.Join(", ", visible.Select(c => c.DisplayName));
        return Page(
            $"<p>Signed in as <strong>{Html.Encode(caller.DisplayName)}</strong> ({Html.Encode(OperatorRoles.ApiName(role))}), seeing {Html.Encode(customerText)}.</p>"
            + "<ul><li><a href=\"/api/me\">/api/me</a></li><li><a href=\"/api/tenants\">/api/tenants</a></li>"
            + "<li><a href=\"/graph/v1.0/auditLogs/directoryAudits?$top=20\">/graph/v1.0/auditLogs/directoryAudits</a></li></ul>"
            + signOut);
    }

    private static IResult Page(string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TenantAuditGrid</title></head><body><h1>TenantAuditGrid</h1>{body}</body></html>",
        "text/html; charset=utf-8");
}
