using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// The time ranges of a source known complete, kept sorted and merged so the list stays as short as the number of real gaps.
/// Pure functions over the persisted list: the grain owns the storage, this owns the arithmetic.
/// </summary>
public static class CoverageLedger
{
    /// <summary>The ranges with <paramref name="added"/> merged in (touching or overlapping ranges become one).</summary>
    public static List<TimeRange> Add(IEnumerable<TimeRange> ranges, TimeRange added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var all = ranges.Where(r => !r.IsEmpty).ToList();
        if (!added.IsEmpty)
        {
            all.Add(added);
        }

        var merged = new List<TimeRange>(all.Count);
        foreach (var range in all.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To)
            {
                var last = merged[^1];
                merged[^1] = last with { To = range.To > last.To ? range.To : last.To };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="within"/> that no range covers, oldest first.</summary>
    public static List<TimeRange> Gaps(IEnumerable<TimeRange> ranges, TimeRange within)
    {
        var gaps = new List<TimeRange>();
        var cursor = within.From;
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (range.To <= cursor)
            {
                continue;
            }

            if (range.From >= within.To)
            {
                break;
            }

            if (range.From > cursor)
            {
                gaps.Add(new TimeRange(cursor, range.From));
            }

            cursor = range.To;
        }

        if (cursor < within.To)
        {
            gaps.Add(new TimeRange(cursor, within.To));
        }

        return gaps;
    }

    /// <summary>The newest range, i.e. the one "complete from A to B" refers to; null when nothing is covered.</summary>
    public static TimeRange? Newest(IReadOnlyList<TimeRange> ranges) => ranges.Count == 0 ? null : ranges.MaxBy(r => r.To);

    /// <summary>Ranges clipped to start no earlier than <paramref name="from"/>: history that left Graph's retention is no longer tracked.</summary>
    public static List<TimeRange> TrimBefore(IEnumerable<TimeRange> ranges, DateTimeOffset from) =>
        ranges.Where(r => r.To > from).Select(r => r.From < from ? r with { From = from } : r).ToList();
}
