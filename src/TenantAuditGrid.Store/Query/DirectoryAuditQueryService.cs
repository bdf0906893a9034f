using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Runs directoryAudit queries against the audit store. Every method takes the caller's <see cref="TenantScope"/>;
/// there is no way to read events without one.
/// </summary>
public sealed class DirectoryAuditQueryService(AuditQueryDatabase database)
{
    private readonly DirectoryAuditSqlBuilder sql = new(database.Dialect);
    private readonly AuditCountsSqlBuilder counts = new(database.Dialect);

    public SqlDialect Dialect => database.Dialect;

    public async Task<DirectoryAuditPage> ReadPageAsync(DirectoryAuditQuery query, TenantScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = sql.Page(query, scope);
        var count = query.IncludeCount ? sql.Count(query.Filter, query.TenantId, scope) : null;

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<AuditEventRow>(Math.Min(query.Top + 1, 128));
        await using (var command = page.CreateCommand(connection))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(ReadRow(reader));
            }
        }

        AuditPageKey? next = null;
        if (rows.Count > query.Top)
        {
            rows.RemoveAt(rows.Count - 1);
            next = rows[^1].Key;
        }

        long? total = null;
        if (count is not null)
        {
            await using var command = count.CreateCommand(connection);
            total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new DirectoryAuditPage(rows, next, total);
    }

    public async Task<DirectoryAuditLookup> FindAsync(string id, string? tenantId, TenantScope scope, CancellationToken cancellationToken)
    {
        var statement = sql.ById(id, tenantId is null ? null : TenantIds.Normalize(tenantId), scope);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = statement.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new DirectoryAuditLookup(null, Ambiguous: false);
        }

        var row = ReadRow(reader);
        return await reader.ReadAsync(cancellationToken)
            ? new DirectoryAuditLookup(null, Ambiguous: true)
            : new DirectoryAuditLookup(row, Ambiguous: false);
    }

    /// <summary>Streams every matching event straight from the data reader; memory stays constant however many rows match.</summary>
    public async IAsyncEnumerable<AuditEventRow> StreamAsync(
        DirectoryAuditQuery query, TenantScope scope, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var statement = sql.Export(query, scope, limit);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = statement.CreateCommand(connection);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }

    /// <summary>Streams the groups of an aggregation in bucket, then group-value order.</summary>
    public async IAsyncEnumerable<AuditCountRow> CountByAsync(
        AuditCountsQuery query, TenantScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statement = counts.Counts(query, scope);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = statement.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bucketed = query.Interval is not null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var ordinal = 0;
            DateTimeOffset? bucket = bucketed ? database.Dialect.ReadTimeBucket(reader, ordinal++) : null;
            var values = new string?[query.GroupBy.Count];
            for (var i = 0; i < values.Length; i++, ordinal++)
            {
                values[i] = reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            }

            yield return new AuditCountRow(bucket, values, reader.GetInt64(ordinal));
        }
    }

    private AuditEventRow ReadRow(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        database.Dialect.ReadDateTime(reader, 2),
        reader.GetString(3));
}
