using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// A source's history from the longest Graph keeps up to the newest settled instant, cut into stretches of one
/// <see cref="CoverageState"/> each: the ledger's ranges say what was read, the licence says whether reading it proves anything.
/// It claims only what is known: older than the licence's retention is beyond it, and what was read more than Free's 7 days back
/// while the licence is unknown is unverifiable, since Graph may never have held anything there.
/// </summary>
public static class CoverageTimeline
{
    public const string BackfillPending = "backfill_pending";
    public const string NotRead = "not_read";
    public const string GraphRetention = "graph_retention";
    public const string LicenceUnknown = "licence_unknown";

    private static readonly TimeSpan LongestRetention = TimeSpan.FromDays(TenantCapabilities.PremiumRetentionDays);
    private static readonly TimeSpan FreeRetention = TimeSpan.FromDays(TenantCapabilities.FreeRetentionDays);

    /// <param name="ledger">Ranges known read completely (merged, any order).</param>
    /// <param name="pending">Ranges queued for the backfill.</param>
    /// <param name="end">The newest settled instant; nothing newer is described.</param>
    public static List<CoverageRange> Build(
        IReadOnlyList<TimeRange> ledger, IReadOnlyList<TimeRange> pending, TenantLicence licence, DateTimeOffset end, DateTimeOffset now)
    {
        var retentionDays = TenantCapabilities.RetentionFor(licence);
        var start = now - LongestRetention;
        var retentionStart = now - TimeSpan.FromDays(retentionDays);
        var verifiableFrom = licence == TenantLicence.Unknown ? now - FreeRetention : retentionStart;
        var ranges = new List<CoverageRange>();
        if (retentionStart > start)
        {
            Append(ranges, new CoverageRange(
                start, Earliest(retentionStart, end), CoverageState.BeyondRetention, GraphRetention, RemediationTexts.BeyondRetention(licence, retentionDays)));
        }

        var cursor = retentionStart > start ? retentionStart : start;
        foreach (var read in ledger.OrderBy(r => r.From))
        {
            var from = Latest(read.From, cursor);
            var to = Earliest(read.To, end);
            if (to <= from)
            {
                continue;
            }

            AppendMissing(ranges, new TimeRange(cursor, from), pending);
            if (from < verifiableFrom)
            {
                Append(ranges, new CoverageRange(
                    from, Earliest(to, verifiableFrom), CoverageState.Unverifiable, LicenceUnknown, RemediationTexts.LicenceUnknown()));
            }

            Append(ranges, new CoverageRange(Latest(from, verifiableFrom), to, CoverageState.Complete));
            cursor = to;
        }

        AppendMissing(ranges, new TimeRange(cursor, end), pending);
        return ranges;
    }

    /// <summary>A stretch not read, split where the backfill's queue begins and ends, since the two say different things.</summary>
    private static void AppendMissing(List<CoverageRange> ranges, TimeRange missing, IReadOnlyList<TimeRange> pending)
    {
        var cursor = missing.From;
        foreach (var queued in pending.OrderBy(r => r.From))
        {
            var from = Latest(queued.From, cursor);
            var to = Earliest(queued.To, missing.To);
            if (to <= from)
            {
                continue;
            }

            Append(ranges, new CoverageRange(cursor, from, CoverageState.Missing, NotRead, RemediationTexts.NotRead(queued: false)));
            Append(ranges, new CoverageRange(from, to, CoverageState.Missing, BackfillPending, RemediationTexts.NotRead(queued: true)));
            cursor = to;
        }

        Append(ranges, new CoverageRange(cursor, missing.To, CoverageState.Missing, NotRead, RemediationTexts.NotRead(queued: false)));
    }

    /// <summary>Adds a non-empty stretch, merged into the previous one when it continues it in the same state for the same reason.</summary>
    private static void Append(List<CoverageRange> ranges, CoverageRange range)
    {
        if (range.To <= range.From)
        {
            return;
        }

        if (ranges.Count > 0 && ranges[^1] is var last && last.To >= range.From && last.State == range.State && last.Reason == range.Reason)
        {
            ranges[^1] = last with { To = range.To > last.To ? range.To : last.To };
            return;
        }

        ranges.Add(range);
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
