using Npgsql;
using NpgsqlTypes;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Bench.Ingest;

/// <summary>
/// The baseline the COPY path is compared with: what a straightforward writer does, one parameterized
/// <c>INSERT … ON CONFLICT DO NOTHING</c> round trip per event, one transaction per batch, into the same table.
/// </summary>
internal static class RowByRowPostgresIngest
{
    public static async Task<int> WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<DirectoryAuditRecord> records, DateTime ingestedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO audit_events (tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id,
                logged_by_service, operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
                initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Jsonb, NpgsqlDbType.TimestampTz,
        ];
        var parameters = types.Select((type, i) => command.Parameters.Add(new NpgsqlParameter($"p{i}", type))).ToArray();
        await command.PrepareAsync();
        var inserted = 0;
        foreach (var r in records)
        {
            object?[] values =
            [
                r.TenantId, r.Source, r.Id, r.ActivityDateTime.UtcDateTime, r.ActivityDisplayName, r.Category, r.CorrelationId,
                r.LoggedByService, r.OperationType, r.Result, r.InitiatedByUserId, r.InitiatedByUserPrincipalName,
                r.InitiatedByUserDisplayName, r.InitiatedByAppId, r.InitiatedByAppDisplayName, r.Payload.GetRawText(), ingestedAt,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            inserted += await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return inserted;
    }
}
