namespace TenantAuditGrid.Graph.Reading;

/// <summary>Sort order of directoryAudits by activityDateTime.</summary>
public enum AuditOrder
{
    NewestFirst,
    OldestFirst,
}
