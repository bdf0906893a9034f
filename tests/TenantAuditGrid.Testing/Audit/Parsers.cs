using Microsoft.OData.UriParser;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>The gateway's parser for tests that parse without a gateway: one per dialect, under a throwaway skip-token key.</summary>
public static class Parsers
{
    public static AuditQueryParser Postgres { get; } = For(PostgresDialect.Instance);

    public static AuditQueryParser For(SqlDialect dialect) => new(dialect, new SkipTokenProtector(new byte[32]));

    /// <summary>A directoryAudits <c>$filter</c>, parsed and validated for PostgreSQL; null for none.</summary>
    public static FilterClause? DirectoryAuditFilter(string? filter) => Postgres.ParseFilter(AuditCollection.DirectoryAudits, filter);
}
