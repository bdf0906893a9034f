using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Query.Tests.Support;

/// <summary>
/// A real database (PostgreSQL or SQLite) holding audit_events and security_actions with the audit store's column names,
/// filled through plain parameterized INSERTs. Replaced by the audit store's own schema and writer once branch 'store' is merged.
/// </summary>
public abstract class TestStore : IAsyncDisposable
{
    public abstract string Name { get; }

    public abstract AuditQueryDatabase Database { get; }

    protected abstract string PayloadParameter { get; }

    public static async Task<TestStore> CreateAsync(string kind, string purpose) => kind switch
    {
        "postgres" => await PostgresTestStore.CreatePostgresAsync(purpose),
        "sqlite" => await SqliteTestStore.CreateSqliteAsync(purpose),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task InsertAsync(IEnumerable<GeneratedEvent> events, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var e in events)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO audit_events (tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id,
                    logged_by_service, operation_type, result, result_reason, initiated_by_user_id, initiated_by_user_upn,
                    initiated_by_user_display_name, initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at)
                VALUES (@tenant, 'graph', @id, @when, @activity, @category, @correlation, @service, @operation, @result, @reason,
                    @userId, @upn, @userName, @appId, @appName, {PayloadParameter}, @when)
                """;
            var p = e.Payload;
            Add(command, "tenant", e.TenantId);
            Add(command, "id", e.Id);
            Add(command, "when", Database.Dialect.DateTimeParameter(e.ActivityDateTime));
            Add(command, "activity", Text(p, "activityDisplayName"));
            Add(command, "category", Text(p, "category"));
            Add(command, "correlation", Text(p, "correlationId"));
            Add(command, "service", Text(p, "loggedByService"));
            Add(command, "operation", Text(p, "operationType"));
            Add(command, "result", Text(p, "result"));
            Add(command, "reason", Text(p, "resultReason"));
            Add(command, "userId", Text(p, "initiatedBy", "user", "id"));
            Add(command, "upn", Text(p, "initiatedBy", "user", "userPrincipalName"));
            Add(command, "userName", Text(p, "initiatedBy", "user", "displayName"));
            Add(command, "appId", Text(p, "initiatedBy", "app", "appId"));
            Add(command, "appName", Text(p, "initiatedBy", "app", "displayName"));
            Add(command, "payload", e.PayloadJson);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task InsertSecurityActionAsync(string tenantId, string id, JsonObject payload, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO security_actions (tenant_id, id, payload) VALUES (@tenant, @id, {PayloadParameter})";
        Add(command, "tenant", tenantId);
        Add(command, "id", id);
        Add(command, "payload", payload.ToJsonString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string? Text(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }
}
