using System.Text;
using System.Text.Encodings.Web;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The emulated Entra's pages: pick a demo operator, an error Entra would show instead of redirecting, signed out.</summary>
internal static class SignInPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>One button per person; each posts back to the authorize URL it was shown for, naming the person.</summary>
    public static string ChooseOperator(string action, IReadOnlyList<OperatorUser> users)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in to TenantAuditGrid</h1><p>Graph emulator: pick a demo operator. No password is asked.</p>");
        if (users.Count == 0)
        {
            body.Append("<p>This emulated tenant has no operators yet.</p>");
        }
        else
        {
            body.Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\"><ul>");
            foreach (var user in users)
            {
                body.Append("<li><button type=\"submit\" name=\"user\" value=\"").Append(user.ObjectId).Append("\">")
                    .Append(Html.Encode(user.DisplayName)).Append("</button> <span>").Append(Html.Encode(user.UserPrincipalName))
                    .Append("</span> <small>").Append(Html.Encode(string.Join(", ", user.AppRoles))).Append("</small></li>");
            }

            body.Append("</ul></form>");
        }

        return Page("Sign in", body.ToString());
    }

    public static string Error(string message) =>
        Page("Sign-in error", $"<h1>Sorry, but we're having trouble signing you in.</h1><p>{Html.Encode(message)}</p>");

    public static string SignedOut() => Page("Signed out", "<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>");

    /// <summary>response_mode=form_post: the browser posts the code to the app at once.</summary>
    public static string FormPost(string redirectUri, IEnumerable<(string Name, string Value)> fields)
    {
        var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{Html.Encode(f.Name)}\" value=\"{Html.Encode(f.Value)}\">"));
        return Page(
            "Working...",
            $"<form method=\"post\" action=\"{Html.Encode(redirectUri)}\">{inputs}<noscript><button type=\"submit\">Continue</button></noscript></form>"
            + "<script>document.forms[0].submit()</script>");
    }

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Html.Encode(title)}</title></head><body>{body}</body></html>";
}
