using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Which rows of a collection one request may see: the collection's source, the caller's <see cref="TenantScope"/>, the route's
/// tenant and the <c>$filter</c>. Every statement the query layer builds (pages, counts, lookups by id, exports, aggregations)
/// starts from <see cref="Where(SqlDialect, SqlParameters)"/>; nothing reads rows around it.
/// </summary>
/// <param name="TenantId">A normalized tenant id (per-tenant route or report option), or null.</param>
public sealed record VisibleRows(AuditCollection Collection, TenantScope Scope, string? TenantId, FilterClause? Filter)
{
    /// <summary>The WHERE condition over the collection's table.</summary>
    public string Where(SqlDialect dialect, SqlParameters parameters) =>
        Where(dialect, parameters, Filter is null ? [] : [Filter.Expression]);

    /// <summary>
    /// The same rows, with <paramref name="conditions"/> in place of the filter: for a rollup of the collection's table, which keeps
    /// its source and tenant columns but only some of its properties (see <see cref="AuditCountsPlan.DimensionConditions"/>).
    /// </summary>
    public string Where(SqlDialect dialect, SqlParameters parameters, IEnumerable<SingleValueNode> conditions)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(conditions);
        var clauses = new List<string>();
        if (Collection.Source is { } source)
        {
            clauses.Add($"{AuditEventTable.Source} = {parameters.Add(source)}");
        }

        clauses.Add(ScopePredicate(parameters));
        if (TenantId is not null)
        {
            clauses.Add($"{Collection.TenantColumn} = {parameters.Add(TenantId)}");
        }

        var translator = new FilterSqlTranslator(dialect, parameters, Collection);
        clauses.AddRange(conditions.Select(translator.Translate));
        return string.Join(" AND ", clauses);
    }

    private string ScopePredicate(SqlParameters parameters)
    {
        if (Scope.VisibleTenants is not { } visible)
        {
            return "TRUE";
        }

        if (visible.Count == 0)
        {
            return "FALSE";
        }

        var placeholders = visible.Order(StringComparer.Ordinal).Select(parameters.Add);
        return $"{Collection.TenantColumn} IN ({string.Join(", ", placeholders)})";
    }
}
