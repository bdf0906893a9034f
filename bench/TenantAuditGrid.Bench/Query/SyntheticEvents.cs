using Npgsql;

namespace TenantAuditGrid.Bench.Query;

/// <summary>
/// Fills audit_events (the store's own partitioned table) inside PostgreSQL with generate_series: realistic Graph JSON
/// payloads and the store's columns, spread over the last 30 days and over the given number of tenants.
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

    public static async Task FillAsync(NpgsqlDataSource dataSource, long events, int tenants, DateTimeOffset end, Action<string> log)
    {
        await using (var partitions = dataSource.CreateCommand(
            "SELECT ensure_audit_events_partition(d::date) FROM generate_series(@start::date, @end::date, interval '1 month') AS d"))
        {
            partitions.Parameters.AddWithValue("start", end.AddDays(-31).UtcDateTime.Date);
            partitions.Parameters.AddWithValue("end", end.UtcDateTime.Date);
            await partitions.ExecuteNonQueryAsync();
        }

        const long batch = 100_000;
        for (long from = 1; from <= events; from += batch)
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

        await using var analyze = dataSource.CreateCommand("ANALYZE audit_events");
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }
}
