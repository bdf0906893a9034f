using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Bench.Sync;

/// <summary>What a reader of one tenant got, judged against the emulator's own record (never against what the reader says).</summary>
internal sealed record TenantCompleteness(long Expected, long Read, long Missing, long Unknown)
{
    public static TenantCompleteness Zero { get; } = new(0, 0, 0, 0);

    public TenantCompleteness Plus(TenantCompleteness other) =>
        new(Expected + other.Expected, Read + other.Read, Missing + other.Missing, Unknown + other.Unknown);
}

internal static class GroundTruth
{
    /// <summary>
    /// Every event visible when the reader started (<paramref name="startedAt"/>) and still inside retention now must be among
    /// <paramref name="ids"/>; every id must be an event that exists and is visible now (or was at the start, if it has since aged out).
    /// </summary>
    public static TenantCompleteness Check(EmulatorControl emulator, TenantInfo tenant, IReadOnlyCollection<string> ids, DateTimeOffset startedAt)
    {
        var now = emulator.Now;
        // An hour of slack at the retention edge: an event that ages out while the run is under way is not a miss.
        var retentionEdge = now - TimeSpan.FromDays(tenant.Licence == TenantLicence.Free ? 7 : 30) + TimeSpan.FromHours(1);
        var atStart = emulator.VisibleAuditEventDetails(tenant.Id, startedAt);
        var expected = atStart.Where(e => e.ActivityDateTime >= retentionEdge).Select(e => e.Id).ToList();
        var read = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
        var known = emulator.VisibleAuditEvents(tenant.Id, now).Ids.Concat(atStart.Select(e => e.Id)).ToHashSet(StringComparer.Ordinal);
        return new TenantCompleteness(expected.Count, ids.Count, expected.Count(id => !read.Contains(id)), read.Count(id => !known.Contains(id)));
    }
}
