using TenantAuditGrid.Grains.Tests.Support;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>
/// The store's security actions against the emulator's own record: every action it holds, each with its current status.
/// Read with <see cref="TenantAuditGrid.Testing.Audit.StoredAudit"/>'s plain SQL, not through the store under test.
/// </summary>
public sealed record SecurityActionsComparison(
    int Tenants, int Expected, int Unfinished, int Stored, int Missing, int Duplicates, int Unknown, int WrongStatus)
{
    public static async Task<SecurityActionsComparison> CompareAsync(GrainWorld world)
    {
        int expected = 0, unfinished = 0, stored = 0, missing = 0, duplicates = 0, unknown = 0, wrongStatus = 0;
        foreach (var tenant in world.Emulator.Control.Tenants())
        {
            var truth = world.Emulator.Control.SecurityActions(tenant.Id).ToDictionary(a => a.Id, a => a.Status, StringComparer.Ordinal);
            var rows = await world.Stored.SecurityActionStatusesAsync(tenant.Id.ToString());
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
}
