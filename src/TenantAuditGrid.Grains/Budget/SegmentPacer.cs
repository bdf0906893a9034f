namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// Spreads a window's permits evenly over its segments, so a window fills at a steady pace instead of in one burst. Segment n (counted
/// from construction) adds floor((n + 1) · L / S) − floor(n · L / S) permits, L the window's limit and S its segments: every segment
/// adds ⌊L / S⌋ or ⌈L / S⌉, and any S consecutive segments add exactly L. What a segment leaves unused carries over for
/// <see cref="CarrySegments"/> segments at most, so a caller that asks a little late loses nothing, while an idle spell can only build
/// up a few segments' worth, never a burst. Read from a <see cref="TimeProvider"/> like <see cref="ClockedSlidingWindow"/> and aligned
/// with one built at the same instant. Not thread-safe.
/// </summary>
public sealed class SegmentPacer
{
    /// <summary>
    /// How many segments' allowance may build up unused: two seconds' worth at the default 250 ms segments. A silo asks again only when
    /// its previous grain call has returned; under load those calls were seen to take 0.7–4 s, and with a one-second carry such a silo
    /// got at most a second's permits per call, so the pace itself capped throughput. Two seconds' worth (about 24 permits) is still a
    /// fifth of the window, not the burst the pace exists to prevent.
    /// </summary>
    public const int CarrySegments = 8;

    private readonly long permitsPerWindow;
    private readonly long segmentsPerWindow;
    private readonly TimeSpan segment;
    private readonly TimeProvider clock;
    private readonly DateTimeOffset start;
    private long accruedThrough = -1;
    private long credit;

    public SegmentPacer(int permitsPerWindow, TimeSpan segment, int segmentsPerWindow, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitsPerWindow);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentsPerWindow);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(segment, TimeSpan.Zero);
        this.permitsPerWindow = permitsPerWindow;
        this.segmentsPerWindow = segmentsPerWindow;
        this.segment = segment;
        this.clock = clock;
        start = clock.GetUtcNow();
    }

    /// <summary>What may be handed out now: this segment's allowance plus what recent segments left unused.</summary>
    public int Available
    {
        get
        {
            Accrue();
            return (int)credit;
        }
    }

    /// <summary>When the next segment, and with it more allowance, begins.</summary>
    public DateTimeOffset NextSegment => start + segment * (CurrentSegment() + 1);

    /// <summary>Takes up to <paramref name="wanted"/> permits and returns how many were taken.</summary>
    public int TryTake(int wanted)
    {
        var take = Math.Min(wanted, Available);
        if (take <= 0)
        {
            return 0;
        }

        credit -= take;
        return take;
    }

    // Permits added by segments [0, n).
    private long AddedBefore(long n) => n * permitsPerWindow / segmentsPerWindow;

    private long CurrentSegment() => Math.Max(0, (long)((clock.GetUtcNow() - start) / segment));

    private void Accrue()
    {
        var now = CurrentSegment();
        if (now <= accruedThrough)
        {
            return;
        }

        // The carry is capped at what the last CarrySegments segments add, whatever was left before them.
        var cap = AddedBefore(now + 1) - AddedBefore(Math.Max(0, now + 1 - CarrySegments));
        credit = Math.Min(cap, credit + AddedBefore(now + 1) - AddedBefore(accruedThrough + 1));
        accruedThrough = now;
    }
}
