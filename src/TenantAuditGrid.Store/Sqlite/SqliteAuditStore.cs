using Microsoft.Data.Sqlite;
using static TenantAuditGrid.Store.Sqlite.SqliteValues;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>
/// The audit store in one SQLite file for the embedded mode: the same contract as on PostgreSQL, with
/// <c>INSERT OR IGNORE</c> inside one immediate transaction per batch (SQLite has one writer at a time; others wait
/// up to the connection's busy timeout).
/// </summary>
public sealed class SqliteAuditStore(string databasePath, TimeProvider timeProvider) : IAuditStore
{
    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public async Task<int> WriteDirectoryAuditsAsync(IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(records, nameof(records));
        if (records.Count == 0)
        {
            return 0;
        }

        var ingestedAt = Timestamp(timeProvider.GetUtcNow());
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = new SqliteCommand("""
            INSERT OR IGNORE INTO audit_events (
                tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id, logged_by_service,
                operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
                initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at)
            VALUES ($tenant_id, $source, $id, $activity_date_time, $activity_display_name, $category, $correlation_id, $logged_by_service,
                    $operation_type, $result, $user_id, $user_upn, $user_display_name, $app_id, $app_display_name, $payload, $ingested_at)
            """, connection, transaction);
        string[] names =
        [
            "$tenant_id", "$source", "$id", "$activity_date_time", "$activity_display_name", "$category", "$correlation_id",
            "$logged_by_service", "$operation_type", "$result", "$user_id", "$user_upn", "$user_display_name", "$app_id",
            "$app_display_name", "$payload", "$ingested_at",
        ];
        var parameters = names.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
        parameters[16].Value = ingestedAt;
        var inserted = 0;
        foreach (var record in records)
        {
            parameters[0].Value = record.TenantId;
            parameters[1].Value = record.Source;
            parameters[2].Value = record.Id;
            parameters[3].Value = Timestamp(record.ActivityDateTime);
            parameters[4].Value = Text(record.ActivityDisplayName);
            parameters[5].Value = Text(record.Category);
            parameters[6].Value = Text(record.CorrelationId);
            parameters[7].Value = Text(record.LoggedByService);
            parameters[8].Value = Text(record.OperationType);
            parameters[9].Value = Text(record.Result);
            parameters[10].Value = Text(record.InitiatedByUserId);
            parameters[11].Value = Text(record.InitiatedByUserPrincipalName);
            parameters[12].Value = Text(record.InitiatedByUserDisplayName);
            parameters[13].Value = Text(record.InitiatedByAppId);
            parameters[14].Value = Text(record.InitiatedByAppDisplayName);
            parameters[15].Value = record.Payload.GetRawText();
            inserted += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<int> UpsertSecurityActionsAsync(IReadOnlyList<SecurityActionRecord> actions, CancellationToken cancellationToken = default)
    {
        StoreInput.Validate(actions, nameof(actions));
        if (actions.Count == 0)
        {
            return 0;
        }

        var now = Timestamp(timeProvider.GetUtcNow());
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var changed = 0;
        foreach (var action in SecurityActionBatch.LatestPerKey(actions))
        {
            await using var command = new SqliteCommand("""
                INSERT INTO security_actions AS s (tenant_id, id, name, status, action_reason, created_date_time,
                                                   last_action_date_time, completed_date_time, payload, updated_at)
                VALUES ($tenant_id, $id, $name, $status, $action_reason, $created, $last_action, $completed, $payload, $now)
                ON CONFLICT (tenant_id, id) DO UPDATE
                SET name = excluded.name, status = excluded.status, action_reason = excluded.action_reason,
                    created_date_time = excluded.created_date_time, last_action_date_time = excluded.last_action_date_time,
                    completed_date_time = excluded.completed_date_time, payload = excluded.payload, updated_at = excluded.updated_at
                WHERE (s.status IS NOT excluded.status OR s.last_action_date_time IS NOT excluded.last_action_date_time)
                  AND NOT coalesce(excluded.last_action_date_time < s.last_action_date_time, 0)
                """, connection, transaction);
            command.Parameters.Add("$tenant_id", action.TenantId);
            command.Parameters.Add("$id", action.Id);
            command.Parameters.Add("$name", Text(action.Name));
            command.Parameters.Add("$status", Text(action.Status));
            command.Parameters.Add("$action_reason", Text(action.ActionReason));
            command.Parameters.Add("$created", Timestamp(action.CreatedDateTime));
            command.Parameters.Add("$last_action", Timestamp(action.LastActionDateTime));
            command.Parameters.Add("$completed", Timestamp(action.CompletedDateTime));
            command.Parameters.Add("$payload", action.Payload.GetRawText());
            command.Parameters.Add("$now", now);
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<AuditPurgeResult> DeleteTenantDataAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var events = new SqliteCommand("DELETE FROM audit_events WHERE tenant_id = $tenant_id", connection, transaction);
        events.Parameters.Add("$tenant_id", tenantId);
        var deletedEvents = await events.ExecuteNonQueryAsync(cancellationToken);
        await using var actions = new SqliteCommand("DELETE FROM security_actions WHERE tenant_id = $tenant_id", connection, transaction);
        actions.Parameters.Add("$tenant_id", tenantId);
        var deletedActions = await actions.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditPurgeResult(deletedEvents, deletedActions);
    }

    public async Task<DirectoryAuditRecord?> GetDirectoryAuditAsync(string tenantId, string source, string id, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        StoreInput.RequireId(source, nameof(source));
        StoreInput.RequireId(id, nameof(id));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            SELECT tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id, logged_by_service,
                   operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
                   initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at
            FROM audit_events WHERE tenant_id = $tenant_id AND source = $source AND id = $id
            """, connection);
        command.Parameters.Add("$tenant_id", tenantId);
        command.Parameters.Add("$source", source);
        command.Parameters.Add("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DirectoryAuditRecord
        {
            TenantId = reader.GetString(0),
            Source = reader.GetString(1),
            Id = reader.GetString(2),
            ActivityDateTime = ReadTimestamp(reader, 3)!.Value,
            ActivityDisplayName = ReadText(reader, 4),
            Category = ReadText(reader, 5),
            CorrelationId = ReadText(reader, 6),
            LoggedByService = ReadText(reader, 7),
            OperationType = ReadText(reader, 8),
            Result = ReadText(reader, 9),
            InitiatedByUserId = ReadText(reader, 10),
            InitiatedByUserPrincipalName = ReadText(reader, 11),
            InitiatedByUserDisplayName = ReadText(reader, 12),
            InitiatedByAppId = ReadText(reader, 13),
            InitiatedByAppDisplayName = ReadText(reader, 14),
            Payload = ReadJson(reader, 15),
            IngestedAt = ReadTimestamp(reader, 16),
        };
    }

    public async Task<long> CountDirectoryAuditsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("SELECT count(*) FROM audit_events WHERE tenant_id = $tenant_id", connection);
        command.Parameters.Add("$tenant_id", tenantId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<string>> ListDirectoryAuditIdsAsync(string tenantId, string source, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        StoreInput.RequireId(source, nameof(source));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            "SELECT id FROM audit_events WHERE tenant_id = $tenant_id AND source = $source ORDER BY id", connection);
        command.Parameters.Add("$tenant_id", tenantId);
        command.Parameters.Add("$source", source);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<SecurityActionRecord?> GetSecurityActionAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        StoreInput.RequireId(tenantId, nameof(tenantId));
        StoreInput.RequireId(id, nameof(id));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            SELECT tenant_id, id, name, status, action_reason, created_date_time, last_action_date_time, completed_date_time,
                   payload, updated_at
            FROM security_actions WHERE tenant_id = $tenant_id AND id = $id
            """, connection);
        command.Parameters.Add("$tenant_id", tenantId);
        command.Parameters.Add("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SecurityActionRecord
        {
            TenantId = reader.GetString(0),
            Id = reader.GetString(1),
            Name = ReadText(reader, 2),
            Status = ReadText(reader, 3),
            ActionReason = ReadText(reader, 4),
            CreatedDateTime = ReadTimestamp(reader, 5),
            LastActionDateTime = ReadTimestamp(reader, 6),
            CompletedDateTime = ReadTimestamp(reader, 7),
            Payload = ReadJson(reader, 8),
            UpdatedAt = ReadTimestamp(reader, 9),
        };
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
