using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>
/// What the audit store holds, read with plain SQL that PostgreSQL and SQLite both accept: tests and benchmarks compare it with a
/// ground truth without going through the product's read path. The product itself never needs these lookups, so they are not on
/// <see cref="IAuditStore"/>.
/// </summary>
/// <param name="database">The store's database as its read side is registered (<c>Add…AuditQueries</c>).</param>
public sealed class StoredAudit(AuditQueryDatabase database)
{
    /// <summary>Every event of the tenant, of any source.</summary>
    public async Task<long> CountDirectoryAuditsAsync(string tenantId)
    {
        await using var command = Command("SELECT count(*) FROM audit_events WHERE tenant_id = @tenant_id", ("tenant_id", tenantId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored event id of the tenant and source, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> DirectoryAuditIdsAsync(string tenantId, string source)
    {
        await using var command = Command(
            "SELECT id FROM audit_events WHERE tenant_id = @tenant_id AND source = @source",
            ("tenant_id", tenantId), ("source", source));
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        // Sorted here rather than in SQL: the two databases' collations need not agree, an ordinal sort always does.
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    public async Task<DirectoryAuditRecord?> DirectoryAuditAsync(string tenantId, string source, string id)
    {
        await using var command = Command(
            """
            SELECT tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id, logged_by_service,
                   operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
                   initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at
            FROM audit_events WHERE tenant_id = @tenant_id AND source = @source AND id = @id
            """,
            ("tenant_id", tenantId), ("source", source), ("id", id));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new DirectoryAuditRecord
        {
            TenantId = reader.GetString(0),
            Source = reader.GetString(1),
            Id = reader.GetString(2),
            ActivityDateTime = Timestamp(reader, 3) ?? throw new InvalidOperationException("activity_date_time is null"),
            ActivityDisplayName = Text(reader, 4),
            Category = Text(reader, 5),
            CorrelationId = Text(reader, 6),
            LoggedByService = Text(reader, 7),
            OperationType = Text(reader, 8),
            Result = Text(reader, 9),
            InitiatedByUserId = Text(reader, 10),
            InitiatedByUserPrincipalName = Text(reader, 11),
            InitiatedByUserDisplayName = Text(reader, 12),
            InitiatedByAppId = Text(reader, 13),
            InitiatedByAppDisplayName = Text(reader, 14),
            Payload = Json(reader, 15),
            IngestedAt = Timestamp(reader, 16),
        };
    }

    public async Task<SecurityActionRecord?> SecurityActionAsync(string tenantId, string id)
    {
        await using var command = Command(
            """
            SELECT tenant_id, id, name, status, action_reason, created_date_time, last_action_date_time, completed_date_time,
                   payload, updated_at
            FROM security_actions WHERE tenant_id = @tenant_id AND id = @id
            """,
            ("tenant_id", tenantId), ("id", id));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new SecurityActionRecord
        {
            TenantId = reader.GetString(0),
            Id = reader.GetString(1),
            Name = Text(reader, 2),
            Status = Text(reader, 3),
            ActionReason = Text(reader, 4),
            CreatedDateTime = Timestamp(reader, 5),
            LastActionDateTime = Timestamp(reader, 6),
            CompletedDateTime = Timestamp(reader, 7),
            Payload = Json(reader, 8),
            UpdatedAt = Timestamp(reader, 9),
        };
    }

    /// <summary>
    /// Every stored security action of the tenant, with its status column and the status inside its stored Graph object (both must
    /// follow Graph). SQLite has had <c>->></c> since 3.38, so one statement serves both databases.
    /// </summary>
    public async Task<IReadOnlyList<StoredActionStatus>> SecurityActionStatusesAsync(string tenantId)
    {
        await using var command = Command(
            "SELECT id, status, payload ->> 'status' FROM security_actions WHERE tenant_id = @tenant_id", ("tenant_id", tenantId));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredActionStatus>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredActionStatus(reader.GetString(0), Text(reader, 1), Text(reader, 2)));
        }

        return rows;
    }

    private DbCommand Command(string sql, params (string Name, string Value)[] parameters)
    {
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // PostgreSQL returns timestamptz as a UTC DateTime; SQLite keeps the store's fixed-width UTC ISO 8601 text.
    private static DateTimeOffset? Timestamp(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            var other => throw new InvalidOperationException($"unexpected timestamp value {other.GetType()}"),
        };

    private static JsonElement Json(DbDataReader reader, int ordinal)
    {
        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }
}

/// <summary>One stored security action's id and status, as the column and as the stored Graph object say it.</summary>
public sealed record StoredActionStatus(string Id, string? Status, string? PayloadStatus);
