namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Operator sign-in with Microsoft Entra ID (configuration section <c>TenantAuditGrid:Operators</c>): the MSP's own tenant and the
/// product's app registration there, whose app roles (<c>TenantAuditGrid.Reader</c>, <c>.Operator</c>, <c>.Admin</c>) decide what a
/// caller may do. Tokens are fetched from <c>{AuthorityHost}{TenantId}/v2.0</c>, the Graph section's authority host, so one setting
/// picks the cloud. Unset, only API keys authenticate.
/// </summary>
public sealed class OperatorSignInOptions
{
    public const string SectionName = "TenantAuditGrid:Operators";

    /// <summary>The MSP's Entra tenant id, whose users and apps sign in.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>The product's app registration (the API) in that tenant; tokens must name it, or <c>api://{ClientId}</c>, as audience.</summary>
    public string? ClientId { get; set; }

    public bool EntraConfigured => TenantId is not null && !string.IsNullOrWhiteSpace(ClientId);
}
