namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Builds every statement that reads a collection's rows, each one over <see cref="VisibleRows"/>. Rows run in the order of the
/// collection's sort property, then tenantId, then id. Where the sort property can be null, the rows without it come after the
/// rest (before them, ascending), and each of the two parts is read as its own keyset range: one index range scan each. A single
/// predicate OR-ing the two made PostgreSQL filter every row before the cursor instead (51 ms against 0.1 ms for a page deep in
/// 120,000 security actions).
/// </summary>
public sealed class CollectionSqlBuilder(SqlDialect dialect)
{
    /// <summary>The parts of the query's order, in that order, beginning with the one its cursor is in.</summary>
    public static IReadOnlyList<OrderPart> PartsFrom(CollectionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.Collection.SortColumn.Nullable)
        {
            return [OrderPart.Dated];
        }

        OrderPart[] parts = query.Direction == SortDirection.Descending ? [OrderPart.Dated, OrderPart.Undated] : [OrderPart.Undated, OrderPart.Dated];
        var cursorPart = query.After is { IsUndated: true } ? OrderPart.Undated : OrderPart.Dated;
        return query.After is null ? parts : parts[Array.IndexOf(parts, cursorPart)..];
    }

    /// <summary>
    /// Up to <paramref name="limit"/> rows of one part, after <paramref name="after"/> when it lies in that part. Columns: tenant,
    /// id, sort time, payload (see <see cref="AuditRow"/>).
    /// </summary>
    public SqlStatement Rows(CollectionQuery query, TenantScope scope, OrderPart part, AuditPageKey? after, int? limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var collection = query.Collection;
        var parameters = new SqlParameters();
        var clauses = new List<string> { query.RowsVisibleTo(scope).Where(dialect, parameters) };
        var sort = collection.SortColumn;
        var comparison = query.Direction == SortDirection.Descending ? "<" : ">";
        var keyword = query.Direction == SortDirection.Descending ? "DESC" : "ASC";
        string order;
        if (part == OrderPart.Dated)
        {
            if (sort.Nullable)
            {
                clauses.Add($"{sort.Name} IS NOT NULL");
            }

            if (after is { IsUndated: false })
            {
                clauses.Add($"({sort.Name}, {collection.TenantColumn}, {collection.IdColumn}) {comparison} "
                    + $"({parameters.Add(dialect.DateTimeParameter(after.SortTime))}, {parameters.Add(after.TenantId)}, {parameters.Add(after.Id)})");
            }

            // The nulls clause names the order the index keeps, so PostgreSQL scans it (either way) instead of sorting.
            var nulls = !sort.Nullable ? string.Empty : query.Direction == SortDirection.Descending ? " NULLS LAST" : " NULLS FIRST";
            order = $"{sort.Name} {keyword}{nulls}, {collection.TenantColumn} {keyword}, {collection.IdColumn} {keyword}";
        }
        else
        {
            clauses.Add($"{sort.Name} IS NULL");
            if (after is { IsUndated: true })
            {
                clauses.Add($"({collection.TenantColumn}, {collection.IdColumn}) {comparison} ({parameters.Add(after.TenantId)}, {parameters.Add(after.Id)})");
            }

            order = $"{collection.TenantColumn} {keyword}, {collection.IdColumn} {keyword}";
        }

        var text = $"{SelectRows(collection)} WHERE {string.Join(" AND ", clauses)} ORDER BY {order}";
        if (limit is { } value)
        {
            text += " " + dialect.Limit(parameters.Add(value));
        }

        return new SqlStatement(text, parameters.Values);
    }

    public SqlStatement Count(VisibleRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parameters = new SqlParameters();
        return new SqlStatement($"SELECT COUNT(*) FROM {rows.Collection.Table} WHERE {rows.Where(dialect, parameters)}", parameters.Values);
    }

    /// <summary>At most two rows, same columns as <see cref="Rows"/>: ids are unique per tenant only, so a cross-tenant lookup can be ambiguous.</summary>
    public SqlStatement ById(VisibleRows rows, string id)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(id);
        var collection = rows.Collection;
        var parameters = new SqlParameters();
        var where = $"{rows.Where(dialect, parameters)} AND {collection.IdColumn} = {parameters.Add(id)}";
        var text = $"{SelectRows(collection)} WHERE {where} ORDER BY {collection.TenantColumn} {dialect.Limit(parameters.Add(2))}";
        return new SqlStatement(text, parameters.Values);
    }

    /// <summary>The columns every row statement reads, in <see cref="AuditRow"/>'s order: tenant, id, sort time, payload.</summary>
    private static string SelectRows(AuditCollection collection) =>
        $"SELECT {collection.TenantColumn}, {collection.IdColumn}, {collection.SortColumn.Name}, {collection.PayloadColumn} FROM {collection.Table}";
}
