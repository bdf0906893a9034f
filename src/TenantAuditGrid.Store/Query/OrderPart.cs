namespace TenantAuditGrid.Store.Query;

/// <summary>A part of a collection's order: the rows with a sort time, or those without one (only where the sort property is nullable).</summary>
public enum OrderPart
{
    Dated,
    Undated,
}
