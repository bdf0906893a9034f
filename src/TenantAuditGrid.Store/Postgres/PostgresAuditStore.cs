using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>
/// The audit store on PostgreSQL. Events go in by binary COPY into a transaction-local staging table and then one
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> into the month-partitioned <c>audit_events</c>, whose row count is the
/// number of new events. Concurrent writers of overlapping batches are safe: the unique key arbitrates, and a writer that
/// meets an in-flight duplicate waits for it and then skips it.
/// </summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IAuditStore
{
    private const string Columns = """
        tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id, logged_by_service,
        operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
        initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at
        """;

    // Months whose partition this process has ensured; a partition dropped behind our back is handled by one retry.
    private readonly ConcurrentDictionary<DateOnly, bool> ensuredMonths = new();

    public async Task<int> WriteDirectoryAuditsAsync(IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(records, nameof(records));
        if (records.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsurePartitionsAsync(connection, records, cancellationToken);
        try
        {
            return await CopyAndMergeAsync(connection, records, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // The only check a validated batch can violate is "no partition for row": a month partition this process
            // remembered was dropped (retention). Forget what we know and ensure again, once.
            ensuredMonths.Clear();
            await EnsurePartitionsAsync(connection, records, cancellationToken);
            return await CopyAndMergeAsync(connection, records, cancellationToken);
        }
    }

    public async Task<int> UpsertSecurityActionsAsync(IReadOnlyList<SecurityActionRecord> actions, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(actions, nameof(actions));
        if (actions.Count == 0)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        foreach (var action in SecurityActionBatch.LatestPerKey(actions))
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO security_actions AS s (tenant_id, id, name, status, action_reason, created_date_time,
                                                   last_action_date_time, completed_date_time, payload, updated_at)
                VALUES (@tenant_id, @id, @name, @status, @action_reason, @created, @last_action, @completed, @payload, @now)
                ON CONFLICT (tenant_id, id) DO UPDATE
                SET name = EXCLUDED.name, status = EXCLUDED.status, action_reason = EXCLUDED.action_reason,
                    created_date_time = EXCLUDED.created_date_time, last_action_date_time = EXCLUDED.last_action_date_time,
                    completed_date_time = EXCLUDED.completed_date_time, payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at
                WHERE (s.status IS DISTINCT FROM EXCLUDED.status OR s.last_action_date_time IS DISTINCT FROM EXCLUDED.last_action_date_time)
                  AND NOT (EXCLUDED.last_action_date_time < s.last_action_date_time)
                """, connection, transaction);
            command.Parameters.Add(Text("tenant_id", action.TenantId));
            command.Parameters.Add(Text("id", action.Id));
            command.Parameters.Add(Text("name", action.Name));
            command.Parameters.Add(Text("status", action.Status));
            command.Parameters.Add(Text("action_reason", action.ActionReason));
            command.Parameters.Add(Timestamp("created", action.CreatedDateTime));
            command.Parameters.Add(Timestamp("last_action", action.LastActionDateTime));
            command.Parameters.Add(Timestamp("completed", action.CompletedDateTime));
            command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = action.Payload.GetRawText() });
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<AuditPurgeResult> DeleteTenantDataAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var events = new NpgsqlCommand("DELETE FROM audit_events WHERE tenant_id = @tenant_id", connection, transaction);
        events.Parameters.Add(Text("tenant_id", tenantId));
        var deletedEvents = await events.ExecuteNonQueryAsync(cancellationToken);
        await using var actions = new NpgsqlCommand("DELETE FROM security_actions WHERE tenant_id = @tenant_id", connection, transaction);
        actions.Parameters.Add(Text("tenant_id", tenantId));
        var deletedActions = await actions.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditPurgeResult(deletedEvents, deletedActions);
    }

    private async Task<int> CopyAndMergeAsync(NpgsqlConnection connection, IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken)
    {
        var ingestedAt = timeProvider.GetUtcNow().UtcDateTime;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The staging table lives as long as the physical connection (the store's data source skips the reset on
        // close, see StoreServiceCollectionExtensions) and empties itself at every commit, so most batches skip the DDL.
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS audit_events_staging (LIKE audit_events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY audit_events_staging ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            // Asynchronous writes throughout: a synchronous Write flushes the buffer to the socket when it fills (every few 2 KB payloads),
            // which blocks the calling thread while PostgreSQL is busy; on a silo that thread is a grain scheduler's.
            foreach (var record in records)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(record.TenantId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(record.Source, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(record.Id, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(record.ActivityDateTime.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(writer, record.ActivityDisplayName, cancellationToken);
                await WriteNullableAsync(writer, record.Category, cancellationToken);
                await WriteNullableAsync(writer, record.CorrelationId, cancellationToken);
                await WriteNullableAsync(writer, record.LoggedByService, cancellationToken);
                await WriteNullableAsync(writer, record.OperationType, cancellationToken);
                await WriteNullableAsync(writer, record.Result, cancellationToken);
                await WriteNullableAsync(writer, record.InitiatedByUserId, cancellationToken);
                await WriteNullableAsync(writer, record.InitiatedByUserPrincipalName, cancellationToken);
                await WriteNullableAsync(writer, record.InitiatedByUserDisplayName, cancellationToken);
                await WriteNullableAsync(writer, record.InitiatedByAppId, cancellationToken);
                await WriteNullableAsync(writer, record.InitiatedByAppDisplayName, cancellationToken);
                await writer.WriteAsync(record.Payload.GetRawText(), NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(ingestedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        int inserted;
        await using (var merge = new NpgsqlCommand(
            $"INSERT INTO audit_events ({Columns}) SELECT {Columns} FROM audit_events_staging ON CONFLICT DO NOTHING", connection, transaction))
        {
            inserted = await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken)
    {
        var months = records
            .Select(r => new DateOnly(r.ActivityDateTime.UtcDateTime.Year, r.ActivityDateTime.UtcDateTime.Month, 1))
            .Distinct()
            .Where(month => !ensuredMonths.ContainsKey(month));
        foreach (var month in months)
        {
            await using var command = new NpgsqlCommand("SELECT ensure_audit_events_partition(@month)", connection);
            command.Parameters.Add(new NpgsqlParameter("month", NpgsqlDbType.Date) { Value = month });
            await command.ExecuteNonQueryAsync(cancellationToken);
            ensuredMonths.TryAdd(month, true);
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    internal static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    /// <summary>A text[] parameter, for <c>= ANY(@name)</c>; null when <paramref name="values"/> is.</summary>
    internal static NpgsqlParameter TextArray(string name, IReadOnlyCollection<string>? values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values is null ? DBNull.Value : values.ToArray() };

    internal static NpgsqlParameter Timestamp(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    internal static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static DateTimeOffset? NullableTimestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);

    internal static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
