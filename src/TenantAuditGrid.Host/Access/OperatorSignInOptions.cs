namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Operator sign-in with Microsoft Entra ID (configuration section <c>TenantAuditGrid:Operators</c>): the MSP's own tenant and the
/// product's app registration there, whose app roles (<c>TenantAuditGrid.Reader</c>, <c>.Operator</c>, <c>.Admin</c>) decide what a
/// caller may do. Tokens are fetched from <c>{AuthorityHost}{TenantId}/v2.0</c>, the Graph section's authority host, so one setting
/// picks the cloud. Unset, only API keys authenticate. With <see cref="ClientSecret"/> too, people also sign in in a browser.
/// </summary>
public sealed class OperatorSignInOptions
{
    public const string SectionName = "TenantAuditGrid:Operators";

    /// <summary>The MSP's Entra tenant id, whose users and apps sign in.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>The product's app registration (the API) in that tenant; tokens must name it, or <c>api://{ClientId}</c>, as audience.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The app registration's client secret, with which it redeems browser sign-in codes (Entra requires a web app to authenticate).
    /// Set it from a secret store or the environment (<c>TenantAuditGrid__Operators__ClientSecret</c>), never in appsettings.json.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>The tenant's v2 authority under <paramref name="authorityHost"/>, the cloud the Graph settings pick: also the v2 issuer.</summary>
    public string Authority(Uri authorityHost) => new Uri(authorityHost, $"{TenantId}/v2.0").ToString();

    public bool EntraConfigured => TenantId is not null && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Whether people sign in in a browser (<c>/signin</c>): Entra configured and the client secret given.</summary>
    public bool BrowserSignInConfigured => EntraConfigured && !string.IsNullOrWhiteSpace(ClientSecret);
}
