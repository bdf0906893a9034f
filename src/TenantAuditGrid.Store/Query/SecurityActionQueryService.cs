using System.Data;
using System.Globalization;

namespace TenantAuditGrid.Store.Query;

/// <summary>Reads stored security actions; like every read here, only through the caller's <see cref="TenantScope"/>.</summary>
public sealed class SecurityActionQueryService(AuditQueryDatabase database)
{
    private const string Columns = $"{SecurityActionTable.TenantId}, {SecurityActionTable.Id}, {SecurityActionTable.Payload}";

    // Newest first, as Graph lists them; the few actions stored without a createdDateTime come last. Ties by tenant and id keep the
    // order total, so a keyset page never repeats or skips a row.
    private const string NewestFirst = $"{SecurityActionTable.CreatedDateTime} DESC NULLS LAST, {SecurityActionTable.TenantId} DESC, {SecurityActionTable.Id} DESC";

    /// <summary>Stands for "no createdDateTime" in a page key, whose time is not nullable; no Graph action is created at that instant.</summary>
    private static readonly DateTimeOffset NoCreatedDateTime = DateTimeOffset.MinValue;

    public async Task<SecurityActionPage> ReadPageAsync(SecurityActionQuery query, TenantScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new SqlParameters();
        var where = Where(query.TenantId, scope, parameters);
        if (query.Filter is not null)
        {
            where += " AND " + new FilterSqlTranslator(database.Dialect, parameters, FilterTarget.SecurityActions).Translate(query.Filter);
        }

        var countStatement = query.IncludeCount
            ? new SqlStatement($"SELECT COUNT(*) FROM {SecurityActionTable.Name} WHERE {where}", parameters.Values.ToList())
            : null;
        var pageWhere = query.After is { } after ? $"{where} AND {After(after, parameters)}" : where;
        var page = new SqlStatement(
            $"SELECT {Columns}, {SecurityActionTable.CreatedDateTime} FROM {SecurityActionTable.Name} WHERE {pageWhere} ORDER BY {NewestFirst} "
            + database.Dialect.Limit(parameters.Add(query.Top + 1)),
            parameters.Values);

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<SecurityActionRow>();
        var created = new List<DateTimeOffset>();
        await using (var command = page.CreateCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new SecurityActionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                created.Add(await reader.IsDBNullAsync(3, cancellationToken) ? NoCreatedDateTime : database.Dialect.ReadDateTime(reader, 3));
            }
        }

        AuditPageKey? next = null;
        if (rows.Count > query.Top)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new AuditPageKey(created[rows.Count - 1], rows[^1].TenantId, rows[^1].Id);
        }

        long? total = null;
        if (countStatement is not null)
        {
            await using var command = countStatement.CreateCommand(connection);
            total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new SecurityActionPage(rows, next, total);
    }

    public async Task<IReadOnlyList<SecurityActionRow>> FindAsync(string id, string? tenantId, TenantScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parameters = new SqlParameters();
        var where = Where(tenantId is null ? null : TenantIds.Normalize(tenantId), scope, parameters)
            + $" AND {SecurityActionTable.Id} = {parameters.Add(id)}";
        var statement = new SqlStatement(
            $"SELECT {Columns} FROM {SecurityActionTable.Name} WHERE {where} ORDER BY {SecurityActionTable.TenantId} " + database.Dialect.Limit(parameters.Add(2)),
            parameters.Values);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = statement.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var rows = new List<SecurityActionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SecurityActionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>Rows strictly after <paramref name="key"/> in <see cref="NewestFirst"/> order.</summary>
    private string After(AuditPageKey key, SqlParameters parameters)
    {
        var created = SecurityActionTable.CreatedDateTime;
        var tieBreak = $"({SecurityActionTable.TenantId}, {SecurityActionTable.Id}) < ({parameters.Add(key.TenantId)}, {parameters.Add(key.Id)})";
        if (key.ActivityDateTime == NoCreatedDateTime)
        {
            return $"({created} IS NULL AND {tieBreak})";
        }

        var at = parameters.Add(database.Dialect.DateTimeParameter(key.ActivityDateTime));
        return $"({created} < {at} OR ({created} = {at} AND {tieBreak}) OR {created} IS NULL)";
    }

    private static string Where(string? tenantId, TenantScope scope, SqlParameters parameters)
    {
        var where = TenantScopeFilter.Predicate(scope, SecurityActionTable.TenantId, parameters);
        return tenantId is null ? where : $"{where} AND {SecurityActionTable.TenantId} = {parameters.Add(tenantId)}";
    }
}
