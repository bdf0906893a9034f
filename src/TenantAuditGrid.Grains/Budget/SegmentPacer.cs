namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// Spreads a window's permits evenly over its segments, so a window fills at a steady pace instead of in one burst. Segment n (counted
/// from construction) may hand out floor((n + 1) · L / S) − floor(n · L / S) permits, L the window's limit and S its segments: every
/// segment gets ⌊L / S⌋ or ⌈L / S⌉, and any S consecutive segments get exactly L, so pacing alone never outruns the window. Allowance
/// a segment leaves unused is not carried over: an idle spell must not turn into a burst. Read from a <see cref="TimeProvider"/> like
/// <see cref="ClockedSlidingWindow"/> and aligned with one built at the same instant. Not thread-safe.
/// </summary>
public sealed class SegmentPacer
{
    private readonly long permitsPerWindow;
    private readonly long segmentsPerWindow;
    private readonly TimeSpan segment;
    private readonly TimeProvider clock;
    private readonly DateTimeOffset start;
    private long currentSegment;
    private int takenInSegment;

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

    /// <summary>What the current segment may still hand out.</summary>
    public int Available
    {
        get
        {
            Advance();
            return Allowance(currentSegment) - takenInSegment;
        }
    }

    /// <summary>When the next segment, and with it a fresh allowance, begins.</summary>
    public DateTimeOffset NextSegment
    {
        get
        {
            Advance();
            return start + segment * (currentSegment + 1);
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> permits from the current segment and returns how many were taken.</summary>
    public int TryTake(int wanted)
    {
        var take = Math.Min(wanted, Available);
        if (take <= 0)
        {
            return 0;
        }

        takenInSegment += take;
        return take;
    }

    private int Allowance(long n) => (int)(((n + 1) * permitsPerWindow / segmentsPerWindow) - (n * permitsPerWindow / segmentsPerWindow));

    private void Advance()
    {
        var now = Math.Max(0, (long)((clock.GetUtcNow() - start) / segment));
        if (now != currentSegment)
        {
            currentSegment = now;
            takenInSegment = 0;
        }
    }
}
