using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Builds every statement that reads directoryAudit events. Each one passes through <see cref="Where"/>, which always
/// applies the source, the caller's <see cref="TenantScope"/> (via <see cref="TenantScopeFilter"/>), the route's tenant and the filter.
/// </summary>
public sealed class DirectoryAuditSqlBuilder(SqlDialect dialect)
{
    private const string RowColumns = $"{AuditEventTable.TenantId}, {AuditEventTable.Id}, {AuditEventTable.ActivityDateTime}, {AuditEventTable.Payload}";
    private const string KeyColumns = $"{AuditEventTable.ActivityDateTime}, {AuditEventTable.TenantId}, {AuditEventTable.Id}";

    public SqlDialect Dialect => dialect;

    /// <summary>One page plus one row: the extra row tells whether another page exists without a second query.</summary>
    public SqlStatement Page(DirectoryAuditQuery query, TenantScope scope)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new SqlParameters();
        var where = Where(query.Filter, query.TenantId, scope, parameters);
        if (query.After is { } after)
        {
            var comparison = query.Direction == SortDirection.Descending ? "<" : ">";
            where += $" AND ({KeyColumns}) {comparison} ({parameters.Add(dialect.DateTimeParameter(after.ActivityDateTime))}, "
                + $"{parameters.Add(after.TenantId)}, {parameters.Add(after.Id)})";
        }

        var text = $"SELECT {RowColumns} FROM {AuditEventTable.Name} WHERE {where} ORDER BY {OrderBy(query.Direction)} "
            + dialect.Limit(parameters.Add(query.Top + 1));
        return new SqlStatement(text, parameters.Values);
    }

    /// <summary>Every matching row in the query's order, for exports; <paramref name="limit"/> caps it when given.</summary>
    public SqlStatement Export(DirectoryAuditQuery query, TenantScope scope, int? limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new SqlParameters();
        var where = Where(query.Filter, query.TenantId, scope, parameters);
        var text = $"SELECT {RowColumns} FROM {AuditEventTable.Name} WHERE {where} ORDER BY {OrderBy(query.Direction)}";
        if (limit is { } value)
        {
            text += " " + dialect.Limit(parameters.Add(value));
        }

        return new SqlStatement(text, parameters.Values);
    }

    public SqlStatement Count(FilterClause? filter, string? tenantId, TenantScope scope)
    {
        var parameters = new SqlParameters();
        var where = Where(filter, tenantId, scope, parameters);
        return new SqlStatement($"SELECT COUNT(*) FROM {AuditEventTable.Name} WHERE {where}", parameters.Values);
    }

    /// <summary>At most two rows: ids are unique per tenant only, so a cross-tenant lookup can be ambiguous.</summary>
    public SqlStatement ById(string id, string? tenantId, TenantScope scope)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parameters = new SqlParameters();
        var where = Where(null, tenantId, scope, parameters) + $" AND {AuditEventTable.Id} = {parameters.Add(id)}";
        var text = $"SELECT {RowColumns} FROM {AuditEventTable.Name} WHERE {where} ORDER BY {AuditEventTable.TenantId} "
            + dialect.Limit(parameters.Add(2));
        return new SqlStatement(text, parameters.Values);
    }

    private string Where(FilterClause? filter, string? tenantId, TenantScope scope, SqlParameters parameters)
    {
        var clauses = new List<string>
        {
            $"{AuditEventTable.Source} = {parameters.Add(AuditEventTable.GraphSource)}",
            TenantScopeFilter.Predicate(scope, AuditEventTable.TenantId, parameters),
        };
        if (tenantId is not null)
        {
            clauses.Add($"{AuditEventTable.TenantId} = {parameters.Add(tenantId)}");
        }

        if (filter is not null)
        {
            clauses.Add(new FilterSqlTranslator(dialect, parameters, FilterTarget.DirectoryAudits).Translate(filter));
        }

        return string.Join(" AND ", clauses);
    }

    private static string OrderBy(SortDirection direction)
    {
        var keyword = direction == SortDirection.Descending ? "DESC" : "ASC";
        return $"{AuditEventTable.ActivityDateTime} {keyword}, {AuditEventTable.TenantId} {keyword}, {AuditEventTable.Id} {keyword}";
    }
}
