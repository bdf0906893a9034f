using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Store.Tests.Audit;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Store.Tests.Postgres;

/// <summary>
/// The narrow targetResources GIN index (migration 007) holds only id, displayName, type and userPrincipalName of each target. The
/// gateway's containment hint for <c>targetResources/any(t: t/… eq '…')</c> must still find exactly the right events and use the index.
/// </summary>
public sealed class TargetResourcesIndexTests
{
    [Theory]
    [InlineData("id", "9f1e8c2a-5b7d-4c3e-a1f0-6d2b8e4c7a90")]
    [InlineData("displayName", "Finance")]
    [InlineData("type", "Group")]
    public async Task The_lambda_hint_finds_the_matching_events_through_the_target_keys_index(string property, string value)
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("targetkeys");
        await PostgresSchema.ApplyAsync(database.ConnectionString);
        await using var source = PostgresAuditDataSource.Create(database.ConnectionString);
        var store = new PostgresAuditStore(source.DataSource, new FakeTimeProvider(AuditSamples.BaseTime));
        var matching = AuditSamples.Events("t1", 0, 3);
        var others = Enumerable.Range(0, 200).Select(i => WithOtherTarget(AuditSamples.Event("t1", $"other-{i}"))).ToList();
        await store.WriteDirectoryAuditsAsync([.. matching, .. others]);

        var parameters = new SqlParameters();
        var hint = PostgresDialect.Instance.ArrayContainsHint("targetResources", property, value, parameters)!;
        await using var connection = await source.DataSource.OpenConnectionAsync();
        var ids = await QueryIdsAsync(connection, $"SELECT id FROM audit_events WHERE tenant_id = 't1' AND {hint} ORDER BY id", parameters);
        await using (var analyze = new NpgsqlCommand("ANALYZE audit_events; SET enable_seqscan = off", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var plan = string.Join('\n', await QueryIdsAsync(connection, $"EXPLAIN SELECT id FROM audit_events WHERE tenant_id = 't1' AND {hint}", parameters));

        Assert.Equal(matching.Select(e => e.Id).Order(StringComparer.Ordinal), ids);
        Assert.Contains("audit_target_keys", plan, StringComparison.Ordinal);
        Assert.Contains("Bitmap Index Scan", plan, StringComparison.Ordinal);
    }

    private static DirectoryAuditRecord WithOtherTarget(DirectoryAuditRecord record)
    {
        var node = JsonNode.Parse(record.Payload.GetRawText())!;
        node["targetResources"] = new JsonArray(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["displayName"] = "Sales", ["type"] = "User",
            // The value searched for appears only inside a modified property, which the narrow index leaves out.
            ["modifiedProperties"] = new JsonArray(new JsonObject { ["displayName"] = "Finance", ["newValue"] = "\"Group\"" }),
        });
        return record with { Payload = JsonSerializer.SerializeToElement(node) };
    }

    private static async Task<List<string>> QueryIdsAsync(NpgsqlConnection connection, string sql, SqlParameters parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters.Values.Select(p => (p.Key, p.Value)))
        {
            command.Parameters.AddWithValue(name.TrimStart('@'), value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
