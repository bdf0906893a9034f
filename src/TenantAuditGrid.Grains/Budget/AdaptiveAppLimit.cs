namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// How many requests per window the budget paces to: the configured limit, lowered after Graph refuses a request app-wide and raised
/// again while it does not (additive increase, multiplicative decrease, as TCP does for congestion).
/// </summary>
/// <remarks>
/// The pace keeps grants within the limit, but Graph counts a request when it arrives, and a request can arrive seconds after its
/// permit when its silo is saturated: a stall of d seconds moves a window's worth of requests into the next window and overshoots
/// Graph's limit once d exceeds the accounting window's slack (0.5 s by default). Every app-wide 429 then pauses every silo until its
/// Retry-After. A lower pace gives stalls more slack: at 90 % of the limit a 1.1 s stall still fits. A burst of 429s from one stall is
/// one event, so the limit drops at most once per accounting window, and it climbs back only after a whole window without one.
/// Not thread-safe: the budget grain's turns serialize it.
/// </remarks>
public sealed class AdaptiveAppLimit
{
    /// <summary>What one app-wide 429 leaves of the current limit.</summary>
    public const double DecreaseFactor = 0.9;

    /// <summary>The lowest the limit goes, as a share of the configured one: beyond that, stalls are not what refuses requests.</summary>
    public const double FloorShare = 0.5;

    /// <summary>Permits added back per accounting window without an app-wide 429: one cut of 10 % heals in about a minute.</summary>
    public const int IncreasePerQuietWindow = 2;

    private readonly int configured;
    private readonly int floor;
    private readonly TimeSpan accountingWindow;
    private readonly TimeProvider clock;
    private DateTimeOffset lastDecrease = DateTimeOffset.MinValue;
    private DateTimeOffset lastChange;

    public AdaptiveAppLimit(int configured, TimeSpan accountingWindow, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configured);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(accountingWindow, TimeSpan.Zero);
        this.configured = configured;
        this.accountingWindow = accountingWindow;
        this.clock = clock;
        floor = Math.Max(1, (int)Math.Ceiling(configured * FloorShare));
        Current = configured;
        lastChange = clock.GetUtcNow();
    }

    /// <summary>The limit to pace to now.</summary>
    public int Current { get; private set; }

    /// <summary>Graph refused a request app-wide. Returns true if the limit went down (once per accounting window at most).</summary>
    public bool Throttled()
    {
        var now = clock.GetUtcNow();
        if (Current == floor || now - lastDecrease < accountingWindow)
        {
            return false;
        }

        Current = Math.Max(floor, (int)(Current * DecreaseFactor));
        lastDecrease = now;
        lastChange = now;
        return true;
    }

    /// <summary>Raises the limit by one step if a whole accounting window has passed since it last changed. Returns true if it did.</summary>
    public bool Recover()
    {
        var now = clock.GetUtcNow();
        if (Current == configured || now - lastChange < accountingWindow)
        {
            return false;
        }

        Current = Math.Min(configured, Current + IncreasePerQuietWindow);
        lastChange = now;
        return true;
    }
}
