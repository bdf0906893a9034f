using System.Data.Common;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>
/// The store's security actions against the emulator's own record: every action it holds, each with its current status.
/// Read with SQL because the store's interface has no "list a tenant's actions"; the names come from the store's table map, and the
/// statement is one both stores understand (SQLite has had <c>->></c> since 3.38).
/// </summary>
public sealed record SecurityActionsComparison(
    int Tenants, int Expected, int Unfinished, int Stored, int Missing, int Duplicates, int Unknown, int WrongStatus)
{
    public static async Task<SecurityActionsComparison> CompareAsync(SyncWorld world)
    {
        int expected = 0, unfinished = 0, stored = 0, missing = 0, duplicates = 0, unknown = 0, wrongStatus = 0;
        await using var connection = world.StoreConnection();
        await connection.OpenAsync();
        foreach (var tenant in world.Emulator.Control.Tenants())
        {
            var truth = world.Emulator.Control.SecurityActions(tenant.Id).ToDictionary(a => a.Id, a => a.Status, StringComparer.Ordinal);
            var rows = await StoredAsync(connection, tenant.Id.ToString());
            var byId = rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

            expected += truth.Count;
            unfinished += truth.Values.Count(status => status is not ("completed" or "failed"));
            stored += rows.Count;
            missing += truth.Keys.Count(id => !byId.ContainsKey(id));
            duplicates += rows.Count - byId.Count;
            unknown += byId.Keys.Count(id => !truth.ContainsKey(id));
            // Both the status column and the stored Graph object must show the status Graph shows now.
            wrongStatus += byId.Values.Count(r => truth.TryGetValue(r.Id, out var status) && (r.Status != status || r.PayloadStatus != status));
        }

        return new SecurityActionsComparison(world.TenantIds.Count, expected, unfinished, stored, missing, duplicates, unknown, wrongStatus);
    }

    private static async Task<List<(string Id, string? Status, string? PayloadStatus)>> StoredAsync(DbConnection connection, string tenantId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {SecurityActionTable.Id}, status, {SecurityActionTable.Payload} ->> 'status' FROM {SecurityActionTable.Name} WHERE {SecurityActionTable.TenantId} = @tenant";
        var tenant = command.CreateParameter();
        tenant.ParameterName = "@tenant";
        tenant.Value = tenantId;
        command.Parameters.Add(tenant);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }
}
