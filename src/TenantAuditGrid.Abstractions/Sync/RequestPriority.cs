namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>Fresh data before history: an incremental poll always outranks a backfill page.</summary>
public enum RequestPriority
{
    Freshness,
    Backfill,
}
