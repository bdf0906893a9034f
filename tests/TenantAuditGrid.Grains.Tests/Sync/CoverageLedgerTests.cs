using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Sync;

public sealed class CoverageLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeRange Hours(int from, int to) => new(T0.AddHours(from), T0.AddHours(to));

    [Fact]
    public void Adding_touching_and_overlapping_ranges_merges_them_into_one()
    {
        var ledger = CoverageLedger.Add([], Hours(4, 6));
        ledger = CoverageLedger.Add(ledger, Hours(6, 8));
        ledger = CoverageLedger.Add(ledger, Hours(5, 7));

        Assert.Equal([Hours(4, 8)], ledger);
    }

    [Fact]
    public void Disjoint_ranges_stay_apart_and_sorted_oldest_first()
    {
        var ledger = CoverageLedger.Add(CoverageLedger.Add([], Hours(10, 12)), Hours(1, 2));

        Assert.Equal([Hours(1, 2), Hours(10, 12)], ledger);
    }

    [Fact]
    public void Empty_ranges_are_ignored()
    {
        Assert.Empty(CoverageLedger.Add([], Hours(3, 3)));
    }

    [Fact]
    public void Gaps_are_the_uncovered_parts_of_the_window()
    {
        var ledger = new List<TimeRange> { Hours(2, 4), Hours(6, 8) };

        Assert.Equal([Hours(0, 2), Hours(4, 6), Hours(8, 10)], CoverageLedger.Gaps(ledger, Hours(0, 10)));
        Assert.Empty(CoverageLedger.Gaps(ledger, Hours(2, 4)));
        Assert.Equal([Hours(4, 5)], CoverageLedger.Gaps(ledger, Hours(3, 5)));
    }

    [Fact]
    public void Trimming_drops_history_that_left_retention_and_clips_the_range_straddling_it()
    {
        var trimmed = CoverageLedger.TrimBefore([Hours(0, 2), Hours(3, 6)], T0.AddHours(4));

        Assert.Equal([Hours(4, 6)], trimmed);
    }

    [Fact]
    public void The_newest_range_is_the_one_ending_last()
    {
        Assert.Equal(Hours(6, 8), CoverageLedger.Newest([Hours(0, 1), Hours(6, 8)]));
        Assert.Null(CoverageLedger.Newest([]));
    }
}
