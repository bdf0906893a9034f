namespace TenantAuditGrid.Host.Access;

/// <summary>
/// The authentication schemes. <see cref="Bearer"/> is the default: it looks at the bearer credential and forwards API keys to
/// <see cref="ApiKey"/> and everything else to <see cref="Entra"/>, so both arrive as <c>Authorization: Bearer</c>, as the Graph
/// SDKs send them. A request without that header is a browser's: it forwards to <see cref="Session"/>, the cookie that
/// <see cref="SignIn"/> (OpenID Connect) issues.
/// </summary>
public static class OperatorSchemes
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";
    public const string Entra = "Entra";

    /// <summary>The browser session cookie; also the authentication type of the identities it carries.</summary>
    public const string Session = "Session";

    /// <summary>OpenID Connect against the MSP's tenant, which signs people in and hands them to <see cref="Session"/>.</summary>
    public const string SignIn = "SignIn";
}
