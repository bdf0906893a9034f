namespace TenantAuditGrid.Store;

/// <summary>Both stores fetch one row more than asked; its presence says there is a next page.</summary>
internal static class TenantStatusPaging
{
    public static TenantStatusPage ToPage(List<TenantStatusRecord> fetched, int limit)
    {
        if (fetched.Count <= limit)
        {
            return new TenantStatusPage(fetched, null);
        }

        var page = fetched.GetRange(0, limit);
        return new TenantStatusPage(page, page[^1].TenantId);
    }
}
