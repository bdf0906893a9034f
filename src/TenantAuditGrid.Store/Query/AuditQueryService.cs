using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Runs the queries of every <see cref="AuditCollection"/> against the audit store. Every method takes the caller's
/// <see cref="TenantScope"/> and reads only the <see cref="VisibleRows"/> it allows; there is no way to read rows without one.
/// </summary>
public sealed class AuditQueryService(AuditQueryDatabase database)
{
    private readonly CollectionSqlBuilder sql = new(database.Dialect);
    private readonly AuditCountsSqlBuilder counts = new(database.Dialect);

    /// <summary>One page; one row more than $top is read to tell whether another page exists without a second query.</summary>
    public async Task<CollectionPage> ReadPageAsync(CollectionQuery query, TenantScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<AuditRow>(Math.Min(query.Top + 1, 128));
        foreach (var part in CollectionSqlBuilder.PartsFrom(query))
        {
            if (rows.Count > query.Top)
            {
                break;
            }

            var statement = sql.Rows(query, scope, part, query.After, query.Top + 1 - rows.Count);
            await foreach (var row in ReadRowsAsync(connection, statement, cancellationToken))
            {
                rows.Add(row);
            }
        }

        AuditPageKey? next = null;
        if (rows.Count > query.Top)
        {
            rows.RemoveAt(rows.Count - 1);
            next = rows[^1].Key;
        }

        long? total = null;
        if (query.IncludeCount)
        {
            await using var command = sql.Count(query.RowsVisibleTo(scope)).CreateCommand(connection);
            total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new CollectionPage(rows, next, total);
    }

    /// <summary>The visible rows with this id: none, one, or two when several tenants have it (a cross-tenant lookup is then ambiguous).</summary>
    /// <param name="tenantId">A normalized tenant id to look in, or null for every visible tenant.</param>
    public async Task<IReadOnlyList<AuditRow>> FindAsync(
        AuditCollection collection, string id, string? tenantId, TenantScope scope, CancellationToken cancellationToken)
    {
        var statement = sql.ById(new VisibleRows(collection, scope, tenantId, Filter: null), id);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<AuditRow>(2);
        await foreach (var row in ReadRowsAsync(connection, statement, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Streams every visible row in the query's order straight from the data reader; memory stays constant however many match.</summary>
    /// <param name="limit">Caps the rows when given.</param>
    public async IAsyncEnumerable<AuditRow> StreamAsync(
        CollectionQuery query, TenantScope scope, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var streamed = 0;
        foreach (var part in CollectionSqlBuilder.PartsFrom(query with { After = null }))
        {
            if (streamed == limit)
            {
                yield break;
            }

            var statement = sql.Rows(query, scope, part, after: null, limit - streamed);
            await foreach (var row in ReadRowsAsync(connection, statement, cancellationToken, commandTimeout: 0))
            {
                streamed++;
                yield return row;
            }
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

    /// <param name="commandTimeout">Seconds, 0 for none (an export may stream for as long as its client reads); null keeps the default.</param>
    private async IAsyncEnumerable<AuditRow> ReadRowsAsync(
        DbConnection connection, SqlStatement statement, [EnumeratorCancellation] CancellationToken cancellationToken, int? commandTimeout = null)
    {
        await using var command = statement.CreateCommand(connection);
        if (commandTimeout is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var tenantId = reader.GetString(0);
            var id = reader.GetString(1);
            DateTimeOffset? sortTime = await reader.IsDBNullAsync(2, cancellationToken) ? null : database.Dialect.ReadDateTime(reader, 2);
            yield return new AuditRow(tenantId, id, sortTime, reader.GetString(3));
        }
    }
}
