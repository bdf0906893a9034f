namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than the wall clock it is built on, and that the control API can move
/// forward. Throttle windows, skiptoken lifetimes, visibility delays and live generation all read it, so a sped-up run keeps
/// Graph's ratios. Timers are scaled too: a 10 s timer fires after 1 s of wall time at ×10.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider wallClock;
    private readonly long startTimestamp;
    private readonly DateTimeOffset start;
    private long offsetTicks;

    public ScaledTimeProvider(TimeProvider wallClock, DateTimeOffset start, double scale)
    {
        ArgumentNullException.ThrowIfNull(wallClock);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a positive finite number.");
        }

        this.wallClock = wallClock;
        this.start = start;
        Scale = scale;
        startTimestamp = wallClock.GetTimestamp();
    }

    public double Scale { get; }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => start + Elapsed();

    public override long GetTimestamp() => Elapsed().Ticks;

    /// <summary>Jumps the clock forward. Pending timers keep their wall-clock due time; only readers of the time see the jump.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        Interlocked.Add(ref offsetTicks, by.Ticks);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        wallClock.CreateTimer(callback, state, ToWall(dueTime), ToWall(period));

    /// <summary>Converts a span of emulated time into the wall-clock span it takes.</summary>
    public TimeSpan ToWall(TimeSpan emulated)
    {
        if (emulated == Timeout.InfiniteTimeSpan)
        {
            return emulated;
        }

        // A nearly frozen clock (tests use tiny scales) would overflow; a timer a month out never fires in practice (and timers cap near 49 days).
        var ticks = emulated.Ticks / Scale;
        return ticks >= TimeSpan.FromDays(30).Ticks ? TimeSpan.FromDays(30) : TimeSpan.FromTicks((long)ticks);
    }

    private TimeSpan Elapsed()
    {
        var wallElapsed = wallClock.GetElapsedTime(startTimestamp);
        return TimeSpan.FromTicks((long)(wallElapsed.Ticks * Scale) + Interlocked.Read(ref offsetTicks));
    }
}
