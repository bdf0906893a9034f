namespace TenantAuditGrid.Store.Query;

/// <summary>One stored security action and its Graph JSON (beta securityAction shape).</summary>
public sealed record SecurityActionRow(string TenantId, string Id, string PayloadJson);
