using Npgsql;

namespace TenantAuditGrid.Bench.Query;

/// <summary>
/// Fills audit_events (the store's own partitioned table) inside PostgreSQL with generate_series: realistic Graph JSON
/// payloads and the store's columns, spread over the last 30 days and over the given number of tenants. Event numbers continue
/// after the events already there, so a kept database can grow. The table's indexes (primary key included) are dropped for the
/// fill and built again at its end: maintaining a dozen B-trees and a GIN index row by row cost most of the fill's time, and a
/// bulk build gives the same indexes. The rollup triggers stay on, so the rollups are exactly what the store's ingest writes.
/// The definitions of dropped indexes are kept in the database until they are rebuilt, so an interrupted fill is repaired by the next run.
/// </summary>
internal static class SyntheticEvents
{
    private const string Insert = """
        INSERT INTO audit_events (tenant_id, source, id, activity_date_time, activity_display_name, category, correlation_id,
            logged_by_service, operation_type, result, initiated_by_user_id, initiated_by_user_upn, initiated_by_user_display_name,
            initiated_by_app_id, initiated_by_app_display_name, payload, ingested_at)
        SELECT tenant, 'graph', id, ts, act, cat, corr, svc, op, res, uid, upn, uname, NULL, NULL,
            jsonb_build_object(
                'id', id, 'activityDateTime', to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'activityDisplayName', act, 'category', cat, 'correlationId', corr, 'result', res, 'resultReason', '',
                'loggedByService', svc, 'operationType', op,
                'initiatedBy', jsonb_build_object('app', NULL, 'user', jsonb_build_object('id', uid, 'displayName', uname,
                    'userPrincipalName', upn, 'ipAddress', '10.0.' || (g % 250) || '.' || (g % 200), 'userType', 'Member')),
                'targetResources', jsonb_build_array(jsonb_build_object('id', md5('target' || (g % 50000)), 'displayName', 'Target ' || (g % 5000),
                    'type', 'User', 'userPrincipalName', 'target' || (g % 5000) || '@contoso.example', 'groupType', NULL,
                    'modifiedProperties', jsonb_build_array(jsonb_build_object('displayName', 'AccountEnabled', 'oldValue', '[false]', 'newValue', '[true]')))),
                'additionalDetails', jsonb_build_array(jsonb_build_object('key', 'UserType', 'value', 'Member'))),
            now()
        FROM (
            SELECT g,
                md5('tenant' || (g % @tenants))::uuid::text AS tenant,
                'Directory_' || md5('event' || g) || '_' || g AS id,
                @end - make_interval(secs => (g * 7919 % 2592000)::double precision + (g % 1000) / 1000.0) AS ts,
                (ARRAY['Add user','Update user','Delete user','Add member to group','Add service principal','Add member to role','Update policy','Reset password (by admin)'])[1 + g % 8] AS act,
                (ARRAY['UserManagement','GroupManagement','ApplicationManagement','RoleManagement','Policy','DirectoryManagement'])[1 + (g / 7) % 6] AS cat,
                md5('corr' || g)::uuid::text AS corr,
                (ARRAY['Core Directory','B2C','Self-service Password Management','PIM'])[1 + (g / 3) % 4] AS svc,
                (ARRAY['Add','Update','Delete','Assign'])[1 + g % 4] AS op,
                (ARRAY['success','success','success','failure','timeout'])[1 + (g / 11) % 5] AS res,
                md5('user' || (g % 20000))::uuid::text AS uid,
                'user' || (g % 20000) || '@contoso.example' AS upn,
                'User ' || (g % 20000) AS uname
            FROM generate_series(@from, @to) AS g) AS e
        """;

    private const string DeferredIndexes = "bench_fill_deferred_indexes";

    public static async Task FillAsync(NpgsqlDataSource dataSource, long existing, long events, int tenants, DateTimeOffset end, Action<string> log)
    {
        await using (var partitions = dataSource.CreateCommand(
            "SELECT ensure_audit_events_partition(d::date) FROM generate_series(@start::date, @end::date, interval '1 month') AS d"))
        {
            partitions.Parameters.AddWithValue("start", end.AddDays(-31).UtcDateTime.Date);
            partitions.Parameters.AddWithValue("end", end.UtcDateTime.Date);
            await partitions.ExecuteNonQueryAsync();
        }

        await DropIndexesAsync(dataSource, log);
        const long batch = 100_000;
        for (var from = existing + 1; from <= events; from += batch)
        {
            await using var command = dataSource.CreateCommand(Insert);
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("tenants", (long)tenants);
            command.Parameters.AddWithValue("end", end.UtcDateTime);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", Math.Min(events, from + batch - 1));
            await command.ExecuteNonQueryAsync();
            log($"inserted {Math.Min(events, from + batch - 1):N0} / {events:N0}");
        }

        await RestoreIndexesAsync(dataSource, log);
        await using var analyze = dataSource.CreateCommand("ANALYZE audit_events");
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Builds the indexes an earlier, interrupted fill dropped (nothing when there are none).</summary>
    public static async Task RestoreIndexesAsync(NpgsqlDataSource dataSource, Action<string> log)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('{DeferredIndexes}') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return;
            }
        }

        var pending = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand($"SELECT name, definition FROM {DeferredIndexes} ORDER BY is_constraint DESC, name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pending.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await using (var memory = new NpgsqlCommand("SET maintenance_work_mem = '512MB'", connection))
        {
            await memory.ExecuteNonQueryAsync();
        }

        foreach (var (name, definition) in pending)
        {
            var timer = System.Diagnostics.Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var build = new NpgsqlCommand(definition, connection, transaction) { CommandTimeout = 0 })
            {
                await build.ExecuteNonQueryAsync();
            }

            await using (var done = new NpgsqlCommand($"DELETE FROM {DeferredIndexes} WHERE name = @name", connection, transaction))
            {
                done.Parameters.AddWithValue("name", name);
                await done.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            log($"built {name} in {timer.Elapsed.TotalSeconds:F0} s");
        }

        await using var drop = new NpgsqlCommand($"DROP TABLE {DeferredIndexes}", connection);
        await drop.ExecuteNonQueryAsync();
        await using var invalid = new NpgsqlCommand("SELECT count(*) FROM pg_index WHERE indrelid = 'audit_events'::regclass AND NOT indisvalid", connection);
        if ((long)(await invalid.ExecuteScalarAsync())! > 0)
        {
            throw new InvalidOperationException("an index of audit_events is still invalid after the fill rebuilt them");
        }
    }

    // Saves every index of audit_events (the primary key as its constraint) and drops them, in one transaction.
    private static async Task DropIndexesAsync(NpgsqlDataSource dataSource, Action<string> log)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var save = new NpgsqlCommand($"""
            CREATE TABLE {DeferredIndexes} (name text PRIMARY KEY, definition text NOT NULL, is_constraint boolean NOT NULL);
            INSERT INTO {DeferredIndexes}
            SELECT i.relname,
                   -- pg_get_indexdef spells an index of a partitioned table ON ONLY (the parent alone, left invalid);
                   -- the fill needs it built on every partition.
                   CASE WHEN c.oid IS NULL THEN replace(pg_get_indexdef(i.oid), ' ON ONLY ', ' ON ')
                        ELSE format('ALTER TABLE audit_events ADD CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)) END,
                   c.oid IS NOT NULL
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
            WHERE x.indrelid = 'audit_events'::regclass;
            """, connection, transaction))
        {
            await save.ExecuteNonQueryAsync();
        }

        var drops = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT name, is_constraint FROM {DeferredIndexes}", connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0).Replace("\"", "", StringComparison.Ordinal);
                drops.Add(reader.GetBoolean(1) ? $"ALTER TABLE audit_events DROP CONSTRAINT \"{name}\"" : $"DROP INDEX \"{name}\"");
            }
        }

        foreach (var sql in drops)
        {
            await using var drop = new NpgsqlCommand(sql, connection, transaction);
            await drop.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        log($"dropped {drops.Count} indexes of audit_events for the fill; they are built again at its end");
    }
}
