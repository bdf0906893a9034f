namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// A segmented sliding-window counter read from a <see cref="TimeProvider"/>, so a sped-up emulator clock speeds the budget up with it.
/// The framework's SlidingWindowRateLimiter was the first choice, but it measures elapsed time with its own stopwatch even when replenished
/// by hand (a manual TryReplenish frees nothing until real time has passed; checked on .NET 10), so it cannot follow a TimeProvider.
/// Permits taken in a segment return when that segment slides out of the window. Not thread-safe: callers are a grain or hold a lock.
/// </summary>
public sealed class ClockedSlidingWindow
{
    private readonly int permitLimit;
    private readonly TimeProvider clock;
    private readonly TimeSpan segment;
    private readonly int[] takenPerSegment;
    private int current;
    private int taken;
    private DateTimeOffset segmentStart;

    public ClockedSlidingWindow(int permitLimit, TimeSpan segment, int segmentsPerWindow, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentsPerWindow);
        this.permitLimit = permitLimit;
        this.clock = clock;
        this.segment = segment;
        takenPerSegment = new int[segmentsPerWindow];
        segmentStart = clock.GetUtcNow();
    }

    public int Available
    {
        get
        {
            Advance();
            return permitLimit - taken;
        }
    }

    /// <summary>When the current segment ends and the oldest one slides out, possibly freeing permits.</summary>
    public DateTimeOffset NextReplenishment
    {
        get
        {
            Advance();
            return segmentStart + segment;
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> permits and returns how many were taken.</summary>
    public int TryTake(int wanted)
    {
        var take = Math.Min(wanted, Available);
        if (take <= 0)
        {
            return 0;
        }

        takenPerSegment[current] += take;
        taken += take;
        return take;
    }

    private void Advance()
    {
        var elapsedSegments = (long)((clock.GetUtcNow() - segmentStart) / segment);
        if (elapsedSegments <= 0)
        {
            return;
        }

        // Past a whole window every segment has slid out; stepping further changes nothing.
        for (var i = 0; i < Math.Min(elapsedSegments, takenPerSegment.Length); i++)
        {
            current = (current + 1) % takenPerSegment.Length;
            taken -= takenPerSegment[current];
            takenPerSegment[current] = 0;
        }

        segmentStart += segment * elapsedSegments;
    }
}
