namespace TenantAuditGrid.Store.Query;

public sealed record SecurityActionPage(IReadOnlyList<SecurityActionRow> Rows, AuditPageKey? Next, long? TotalCount);
