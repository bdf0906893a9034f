using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>The database the query layer reads and how to speak to it.</summary>
public sealed record AuditQueryDatabase(SqlDialect Dialect, DbDataSource DataSource);
