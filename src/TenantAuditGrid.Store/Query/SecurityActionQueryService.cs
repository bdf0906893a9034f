using System.Data;
using System.Globalization;

namespace TenantAuditGrid.Store.Query;

/// <summary>Reads stored security actions; like every read here, only through the caller's <see cref="TenantScope"/>.</summary>
public sealed class SecurityActionQueryService(AuditQueryDatabase database)
{
    private const string Columns = $"{SecurityActionTable.TenantId}, {SecurityActionTable.Id}, {SecurityActionTable.Payload}";

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
        var pageWhere = where;
        if (query.After is { } after)
        {
            pageWhere += $" AND ({SecurityActionTable.TenantId}, {SecurityActionTable.Id}) > ({parameters.Add(after.TenantId)}, {parameters.Add(after.Id)})";
        }

        var page = new SqlStatement(
            $"SELECT {Columns} FROM {SecurityActionTable.Name} WHERE {pageWhere} ORDER BY {SecurityActionTable.TenantId}, {SecurityActionTable.Id} "
            + database.Dialect.Limit(parameters.Add(query.Top + 1)),
            parameters.Values);

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<SecurityActionRow>();
        await using (var command = page.CreateCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new SecurityActionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        AuditPageKey? next = null;
        if (rows.Count > query.Top)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new AuditPageKey(DateTimeOffset.UnixEpoch, rows[^1].TenantId, rows[^1].Id);
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

    private static string Where(string? tenantId, TenantScope scope, SqlParameters parameters)
    {
        var where = TenantScopeFilter.Predicate(scope, SecurityActionTable.TenantId, parameters);
        return tenantId is null ? where : $"{where} AND {SecurityActionTable.TenantId} = {parameters.Add(tenantId)}";
    }
}
