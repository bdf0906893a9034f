using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Testing.Emulator;

/// <summary>
/// Event ids a reader holds (the product's store, a benchmark's naive script) judged against the emulator's own record, never against
/// what the reader says about itself. Per tenant, then summed with <see cref="Plus"/>.
/// </summary>
public sealed record GroundTruthComparison(int Tenants, long Expected, long Stored, long Missing, long Duplicates, long Unknown)
{
    public static GroundTruthComparison Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public GroundTruthComparison Plus(GroundTruthComparison other) => new(
        Tenants + other.Tenants, Expected + other.Expected, Stored + other.Stored, Missing + other.Missing,
        Duplicates + other.Duplicates, Unknown + other.Unknown);

    /// <summary>
    /// The sync engine's promise: every event visible at a tenant's last sweep is stored (that is the instant it vouches for), and
    /// every stored id is an event that exists and had become visible by now.
    /// </summary>
    public static GroundTruthComparison AtLastSweep(EmulatorControl emulator, Guid tenantId, IReadOnlyCollection<string> storedIds, DateTimeOffset lastSweepAt)
    {
        var now = emulator.Now;
        var existing = emulator.AuditEventsHappenedBetween(tenantId, now.AddDays(-31), now)
            .Where(e => e.VisibleAt <= now).Select(e => e.Id);
        return Compare(emulator.VisibleAuditEvents(tenantId, lastSweepAt).Ids, storedIds, existing);
    }

    /// <summary>
    /// A reader that started at <paramref name="startedAt"/>: every event visible then and still inside retention now must be held,
    /// and every held id must be visible now or have been at the start (it may have aged out since).
    /// </summary>
    public static GroundTruthComparison SinceStart(EmulatorControl emulator, TenantInfo tenant, IReadOnlyCollection<string> heldIds, DateTimeOffset startedAt)
    {
        var now = emulator.Now;
        // An hour of slack at the retention edge: an event that ages out while the run is under way is not a miss.
        var retentionEdge = now - TimeSpan.FromDays(tenant.Licence == TenantLicence.Free ? 7 : 30) + TimeSpan.FromHours(1);
        var atStart = emulator.VisibleAuditEventDetails(tenant.Id, startedAt);
        var expected = atStart.Where(e => e.ActivityDateTime >= retentionEdge).Select(e => e.Id).ToList();
        var known = emulator.VisibleAuditEvents(tenant.Id, now).Ids.Concat(atStart.Select(e => e.Id));
        return Compare(expected, heldIds, known);
    }

    private static GroundTruthComparison Compare(IReadOnlyCollection<string> expected, IReadOnlyCollection<string> held, IEnumerable<string> known)
    {
        var distinct = held.ToHashSet(StringComparer.Ordinal);
        var knownIds = known.ToHashSet(StringComparer.Ordinal);
        return new GroundTruthComparison(
            1, expected.Count, held.Count, expected.Count(id => !distinct.Contains(id)), held.Count - distinct.Count, distinct.Count(id => !knownIds.Contains(id)));
    }
}
