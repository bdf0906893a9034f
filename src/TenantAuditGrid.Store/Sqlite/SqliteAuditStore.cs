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

    // Microsoft.Data.Sqlite's async methods run synchronously, waits for the write lock included, and the callers are grains: run
    // on the thread pool, so a slow write never blocks the Orleans scheduler (which warns once a turn passes a second).
    public Task<int> WriteDirectoryAuditsAsync(IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken = default) =>
        Task.Run(() => WriteDirectoryAuditsCoreAsync(records, cancellationToken), CancellationToken.None);

    public Task<int> UpsertSecurityActionsAsync(IReadOnlyList<SecurityActionRecord> actions, CancellationToken cancellationToken = default) =>
        Task.Run(() => UpsertSecurityActionsCoreAsync(actions, cancellationToken), CancellationToken.None);

    public Task<AuditPurgeResult> DeleteTenantDataAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.Run(() => DeleteTenantDataCoreAsync(tenantId, cancellationToken), CancellationToken.None);

    private async Task<int> WriteDirectoryAuditsCoreAsync(IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken)
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

    private async Task<int> UpsertSecurityActionsCoreAsync(IReadOnlyList<SecurityActionRecord> actions, CancellationToken cancellationToken)
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

    private async Task<AuditPurgeResult> DeleteTenantDataCoreAsync(string tenantId, CancellationToken cancellationToken)
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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
