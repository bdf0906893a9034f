namespace TenantAuditGrid.Store.Query;

public enum SortDirection
{
    /// <summary>Newest first: the emulator's (and Graph's observed) default.</summary>
    Descending,
    Ascending,
}
