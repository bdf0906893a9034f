namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// Tuning of the sync grains (configuration section <c>TenantAuditGrid:Sync</c>). Durations are on the product clock, except
/// <see cref="TickInterval"/>, which is how often (real time) an active grain checks whether work is due.
/// </summary>
public sealed class SyncOptions
{
    public const string SectionName = "TenantAuditGrid:Sync";

    /// <summary>Real-time period of the grain timer that drives the work; each tick does what is due on the product clock.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long (real time) one tick may keep working through backfill slices before letting the next tick continue.</summary>
    public TimeSpan MaxTickWork { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an incremental directoryAudits poll runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a tenant whose history is still being backfilled polls (when longer than <see cref="PollInterval"/>). Polls go before
    /// backfill in the throttle budget, so at 1,000 tenants one poll a minute each (16.7/s) would take all of Graph's 12.2 requests/s and
    /// hold every backfill back; the first backfill request of a tenant already reads its newest events.
    /// </summary>
    public TimeSpan BackfillPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The settle window never grows beyond this (Graph's reported tail of late arrival is about 2 hours).</summary>
    public TimeSpan MaxSettleWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The settle window never shrinks below this (Graph's P99 delay is about 5 minutes).</summary>
    public TimeSpan MinSettleWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Late arrivals that must be measured before the settle window may shrink below its maximum.</summary>
    public int MinSettleSamples { get; set; } = 20;

    /// <summary>
    /// How often a poll sweeps back over the maximum settle window (from the previous sweep minus <see cref="MaxSettleWindow"/>), so an
    /// event later than the adaptive window expects, but within the maximum, is still read. Cheap: one window of a few pages.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>$top</c> of polls, of securityActions list reads, and the largest <c>$top</c> of backfill slices (at most 999). Lower it when Graph answers wide pages with 504s
    /// for most tenants.
    /// </summary>
    public int PageSize { get; set; } = 999;

    /// <summary>
    /// The time bound of the first backfill request. Backfill pages down from each page's oldest event, so a wide slice costs no extra
    /// requests; it is narrowed only when Graph answers 5xx/504, which Microsoft attributes to wide windows on dense tenants.
    /// </summary>
    public TimeSpan InitialSliceWidth { get; set; } = TimeSpan.FromDays(31);

    public TimeSpan MinSliceWidth { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The widest backfill slice: Graph's whole 30-day retention (plus a day of slack), so one query can span all history.</summary>
    public TimeSpan MaxSliceWidth { get; set; } = TimeSpan.FromDays(31);

    /// <summary>Retries of one request after 5xx/network failures (with exponential back-off and jitter) before the step gives up.</summary>
    public int ServerErrorRetries { get; set; } = 3;

    /// <summary>Back-off base for 5xx/network retries, and for 429s that carry no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one request answered 429; the scheduler holds each retry until Retry-After has passed.</summary>
    public int ThrottledRetries { get; set; } = 10;

    /// <summary>How many times one read restarts from its first page after Graph refused a nextLink's skiptoken, before giving up until the next tick.</summary>
    public int SliceRestarts { get; set; } = 3;

    /// <summary>Failed steps in a row after which the source is reported Unreachable (it keeps retrying, more slowly).</summary>
    public int FailuresBeforeUnreachable { get; set; } = 5;

    /// <summary>Longest pause between retries of a failing source.</summary>
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the whole securityActions list is read.</summary>
    public TimeSpan SecurityActionsListInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an unfinished security action is re-read until it completes or fails.</summary>
    public TimeSpan SecurityActionRepollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// securityActions are not in the reports throttle family and spend no report permits; this spaces one tenant's requests to them
    /// instead (at most one per interval).
    /// </summary>
    public TimeSpan SecurityActionsRequestSpacing { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unfinished actions re-read per tick at most.</summary>
    public int MaxActionRepollsPerTick { get; set; } = 10;
}
