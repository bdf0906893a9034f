namespace TenantAuditGrid.Host.Gateway;

/// <summary>Configuration of the Graph-compatible gateway (section <c>TenantAuditGrid:Gateway</c>).</summary>
public sealed class GraphGatewayOptions
{
    public const string SectionName = "TenantAuditGrid:Gateway";

    /// <summary>
    /// Base64 key (at least 32 bytes) that authenticates <c>$skiptoken</c> values. When absent, the key is derived from
    /// <c>TenantAuditGrid:Credentials:MasterKey</c>; when that is absent too, a random key per process is used
    /// (tokens then stop working across restarts and between silos).
    /// </summary>
    public string? SkipTokenKey { get; set; }
}
