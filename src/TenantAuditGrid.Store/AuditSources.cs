namespace TenantAuditGrid.Store;

/// <summary>Where an audit event came into the store from; part of its identity (tenant, source, id).</summary>
public static class AuditSources
{
    /// <summary>Pulled from Microsoft Graph by the sync engine.</summary>
    public const string Graph = "graph";

    /// <summary>Uploaded in bulk through the gateway (AuditActivity.Write).</summary>
    public const string Upload = "upload";

    public static bool IsKnown(string? source) => source is Graph or Upload;
}
