using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Mapping;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// directoryAudits: incremental polls over <c>[high-water mark − settle window, now)</c> at freshness priority, and a newest-first
/// backfill of the retention window, one page per request, at backfill priority. Every page goes to the store as it arrives (the store
/// ignores what it has); the cursor and coverage are persisted only after a whole poll is stored, the backfill position after each page.
/// </summary>
internal sealed class DirectoryAuditsSyncer(
    string tenantId,
    SourceSyncState state,
    GraphCalls calls,
    DirectoryAuditsReader reader,
    IAuditStore store,
    SyncOptions options,
    TimeProvider clock,
    SyncMetrics metrics,
    ILogger logger) : ISourceSyncer
{
    private const string SourceName = "directoryAudits";

    /// <summary>A tenant whose last poll is further back than this is caught up by backfill slices rather than one huge poll.</summary>
    private static readonly TimeSpan CatchUpThreshold = TimeSpan.FromDays(1);

    // Memory only: the ids read by the polls of this activation inside the current window, to tell late arrivals from events already seen.
    // After a reactivation the first poll measures nothing, which only delays the settle window's adaptation by one poll.
    private readonly Dictionary<string, DateTimeOffset> seenInWindow = new(StringComparer.Ordinal);
    private TimeRange? previousPoll;
    private DateTimeOffset? trackedSince;
    private DateTimeOffset forgottenBefore = DateTimeOffset.MinValue;

    public TimeSpan SettleWindow =>
        Sync.SettleWindow.Current(state.LateArrivals, options.MinSettleSamples, options.MinSettleWindow, options.MaxSettleWindow);

    public async Task StepAsync(Func<Task> persist, CancellationToken cancellationToken)
    {
        var work = Stopwatch.StartNew();
        Initialise(clock.GetUtcNow());
        if (PollDue())
        {
            await PollAsync(persist, cancellationToken);
        }

        while (state.Pending.Count > 0 && work.Elapsed < options.MaxTickWork && !PollDue())
        {
            await BackfillPageAsync(persist, cancellationToken);
        }
    }

    /// <summary>The first poll is one interval after the start: the first backfill request reads the newest events already.</summary>
    private bool PollDue()
    {
        var interval = state.Pending.Count > 0 && options.BackfillPollInterval > options.PollInterval ? options.BackfillPollInterval : options.PollInterval;
        return (state.LastPollAt ?? state.HighWaterMark) is not { } last || clock.GetUtcNow() >= last + interval;
    }

    /// <summary>
    /// On first start: queue the whole retention window up to now for backfill, whose first request returns the newest events, and let the
    /// polls take over from now minus the settle window.
    /// </summary>
    private void Initialise(DateTimeOffset now)
    {
        if (state.HighWaterMark is not null)
        {
            QueueGrownRetention(now);
            return;
        }

        var settledUpTo = now - SettleWindow;
        state.HighWaterMark = now;
        state.SettledUpTo = settledUpTo;
        Queue(new TimeRange(now - TimeSpan.FromDays(state.RetentionDays), now));
    }

    /// <summary>
    /// A retention that grew (a licence upgrade, or a probe that found Premium) leaves history older than anything known: queue it.
    /// The hour of slack keeps the retention edge, which moves with the clock, from queueing slivers on every step.
    /// </summary>
    private void QueueGrownRetention(DateTimeOffset now)
    {
        var wanted = now - TimeSpan.FromDays(state.RetentionDays);
        var known = state.Coverage.Concat(state.Pending).Select(r => (DateTimeOffset?)r.From).Min() ?? state.SettledUpTo;
        if (known is { } oldest && oldest - wanted > TimeSpan.FromHours(1))
        {
            Queue(new TimeRange(wanted, oldest));
        }
    }

    private void Queue(TimeRange range)
    {
        if (range.IsEmpty)
        {
            return;
        }

        state.Pending = CoverageLedger.Add(state.Pending, range);
        state.BackfillQueued += range.Length;
    }

    private async Task PollAsync(Func<Task> persist, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settle = SettleWindow;
        var retentionStart = now - TimeSpan.FromDays(state.RetentionDays);

        // A long silence (sync stopped, silo down) is caught up in backfill slices, newest first, instead of one poll over days of events.
        if (state.SettledUpTo is { } settled && now - settled > CatchUpThreshold + options.MaxSettleWindow)
        {
            var resumeFrom = now - options.MaxSettleWindow;
            Queue(new TimeRange(settled > retentionStart ? settled : retentionStart, resumeFrom));
            state.SettledUpTo = resumeFrom;
            state.HighWaterMark = now;
            state.LastSweepAt = null;
            seenInWindow.Clear();
            previousPoll = null;
            trackedSince = null;
        }

        // Read from the high-water mark minus the settle window, and never from later than what is already settled, so a settle
        // window that just shrank cannot open a hole between the last settled instant and this poll.
        var from = Earliest(state.HighWaterMark!.Value - settle, state.SettledUpTo ?? now - settle);

        // The adaptive window follows the delays seen so far; a rarer, longer one is caught by the periodic sweep. Reading back from the
        // previous sweep minus the maximum settle window means any event at most that late is read by the first sweep after it arrives.
        var sweep = state.LastSweepAt is not { } lastSweep || now - lastSweep >= options.SweepInterval;
        if (sweep)
        {
            from = Earliest(from, (state.LastSweepAt ?? now) - options.MaxSettleWindow);
        }
        if (from < retentionStart)
        {
            from = retentionStart;
        }

        var window = new TimeRange(from, now);
        var completeUpTo = state.SettledUpTo ?? from;
        var stored = 0;
        await ReadWindowAsync(
            window,
            options.PageSize,
            RequestPriority.Freshness,
            completeUpTo,
            async (page, token) =>
            {
                MeasureLateArrivals(page, now);
                stored += (await StoreAsync(page, token)).Stored;
            },
            cancellationToken);

        // Everything visible at `now` in [from, now) is stored. What lies more than the settle window back is taken as final.
        var newlySettled = now - settle;
        if (newlySettled > from)
        {
            state.Coverage = CoverageLedger.Add(state.Coverage, new TimeRange(from, newlySettled));
        }

        if (state.SettledUpTo is not { } before || newlySettled > before)
        {
            state.SettledUpTo = newlySettled;
        }

        state.HighWaterMark = now;
        state.LastPollAt = now;
        if (sweep)
        {
            state.LastSweepAt = now;
        }

        state.Coverage = CoverageLedger.TrimBefore(state.Coverage, retentionStart);
        trackedSince = trackedSince is { } since ? Earliest(since, from) : from;
        Forget(now - options.MaxSettleWindow - options.SweepInterval - options.PollInterval);
        previousPoll = window;
        metrics.Polled(tenantId, now);
        await persist();
        logger.LogDebug("Polled {Tenant} directoryAudits from {From:O}: {Stored} new events, settle window {Settle}", tenantId, from, stored, settle);
    }

    /// <summary>
    /// One backfill request: the newest page of the top slice of the newest pending range. Graph returns the slice newest first, so once
    /// the page is stored everything newer than its oldest event is known complete; coverage and the pending range move down to that
    /// instant before the next request. History thus costs one request per full page however it is sliced, and a crash, a deactivation
    /// or an expired skiptoken loses at most one page. nextLinks are followed only past empty pages.
    /// </summary>
    private async Task BackfillPageAsync(Func<Task> persist, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var retentionStart = now - TimeSpan.FromDays(state.RetentionDays);
        var range = state.Pending[^1];
        if (range.To <= retentionStart)
        {
            // Graph no longer holds this history; nothing left to read.
            state.Pending.RemoveAt(state.Pending.Count - 1);
            await persist();
            return;
        }

        var shape = state.Slice ?? SliceShape.Initial(options);
        var slice = new TimeRange(Latest(range.From, range.To - shape.Width, retentionStart), range.To);
        var completeUpTo = DateTimeOffset.UnixEpoch + (state.BackfillQueued - RemainingBackfill());
        AuditPage page;
        try
        {
            page = await ReadFirstItemsAsync(new AuditWindowQuery(slice.From, slice.To, shape.Top, AuditOrder.NewestFirst), completeUpTo, cancellationToken);
        }
        catch (GraphAccessException e) when (e.Failure.Kind is GraphFailureKind.ServerError or GraphFailureKind.Network)
        {
            // Retries did not get through: a wide window on a dense tenant is the usual cause of 504s. Narrow it and ask for less per page.
            state.Slice = shape.AfterServerErrors(options);
            throw;
        }

        var (_, oldest) = await StoreAsync(page, cancellationToken);
        var readTo = page.NextLink is null ? slice.From : oldest is { } o ? o + TimeSpan.FromTicks(1) : slice.To;
        if (readTo >= slice.To)
        {
            // More follows, but the page gives no instant to continue below: it sits at one instant (a query bounded below it cannot
            // get past it), or none of its items had a usable time. This slice is read to its end through nextLinks instead.
            await ReadWindowAsync(slice, shape.Top, RequestPriority.Backfill, completeUpTo, (p, t) => StoreAsync(p, t), cancellationToken);
            readTo = slice.From;
        }

        state.Pending.RemoveAt(state.Pending.Count - 1);
        var rest = new TimeRange(range.From, readTo);
        if (!rest.IsEmpty && rest.To > retentionStart)
        {
            state.Pending.Add(rest);
        }

        // Backfill vouches only for what had settled when it was read; the polls cover the newer part as it settles.
        var settledAtRead = now - SettleWindow;
        var covered = new TimeRange(readTo, slice.To < settledAtRead ? slice.To : settledAtRead);
        state.Coverage = CoverageLedger.TrimBefore(CoverageLedger.Add(state.Coverage, covered), retentionStart);
        var sliceComplete = readTo == slice.From;
        state.Slice = shape.AfterPage(page.Items.Count, sliceComplete, options);
        if (sliceComplete)
        {
            state.Counters = state.Counters with { SlicesCompleted = state.Counters.SlicesCompleted + 1 };
        }

        await persist();
    }

    /// <summary>The first page of <paramref name="query"/> that has items, or the last page when none has.</summary>
    private async Task<AuditPage> ReadFirstItemsAsync(AuditWindowQuery query, DateTimeOffset completeUpTo, CancellationToken cancellationToken)
    {
        for (var restart = 0; ; restart++)
        {
            var page = await calls.ReportAsync(RequestPriority.Backfill, completeUpTo, (c, t) => reader.ReadFirstPageAsync(c, query, t), cancellationToken);
            try
            {
                while (page.Items.Count == 0 && page.NextLink is { } next)
                {
                    page = await calls.ReportAsync(RequestPriority.Backfill, completeUpTo, (c, t) => reader.ReadNextPageAsync(c, next, t), cancellationToken);
                }

                return page;
            }
            catch (GraphAccessException e) when (e.Failure.Kind == GraphFailureKind.BadRequest && restart < options.SliceRestarts)
            {
                CountSliceRestart();
            }
        }
    }

    /// <summary>
    /// Reads every page of one window, handing each to <paramref name="onPage"/>. When Graph refuses a nextLink's skiptoken (expired, or
    /// "invalid" as it sometimes says) the window is read again from its first page; pages already stored are simply stored again.
    /// </summary>
    private async Task ReadWindowAsync(
        TimeRange window, int top, RequestPriority priority, DateTimeOffset completeUpTo,
        Func<AuditPage, CancellationToken, Task> onPage, CancellationToken cancellationToken)
    {
        var query = new AuditWindowQuery(window.From, window.To, top, AuditOrder.NewestFirst);
        for (var restart = 0; ; restart++)
        {
            var page = await calls.ReportAsync(priority, completeUpTo, (c, t) => reader.ReadFirstPageAsync(c, query, t), cancellationToken);
            try
            {
                await onPage(page, cancellationToken);
                while (page.NextLink is { } next)
                {
                    page = await calls.ReportAsync(priority, completeUpTo, (c, t) => reader.ReadNextPageAsync(c, next, t), cancellationToken);
                    await onPage(page, cancellationToken);
                }

                return;
            }
            catch (GraphAccessException e) when (e.Failure.Kind == GraphFailureKind.BadRequest && restart < options.SliceRestarts)
            {
                CountSliceRestart();
            }
        }
    }

    private void CountSliceRestart() => state.Counters = state.Counters with { SliceRestarts = state.Counters.SliceRestarts + 1 };

    /// <summary>Stores a page; returns how many events were new and the oldest activityDateTime on it.</summary>
    private async Task<(int Stored, DateTimeOffset? Oldest)> StoreAsync(AuditPage page, CancellationToken cancellationToken)
    {
        var records = new List<DirectoryAuditRecord>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (TryMap(item) is { } record)
            {
                records.Add(record);
            }
        }

        var stored = records.Count == 0 ? 0 : await store.WriteDirectoryAuditsAsync(records, cancellationToken);
        state.Counters = state.Counters with
        {
            EventsRead = state.Counters.EventsRead + page.Items.Count,
            EventsStored = state.Counters.EventsStored + stored,
        };
        metrics.EventsIngested(SourceName, stored);
        TrackNewest(records);
        return (stored, records.Count == 0 ? null : records.Min(r => r.ActivityDateTime));
    }

    private DirectoryAuditRecord? TryMap(JsonElement item)
    {
        try
        {
            var record = DirectoryAuditMapper.FromGraph(tenantId, item);
            if (record.Id.Length > 0)
            {
                return record;
            }
        }
        catch (ArgumentException)
        {
            // handled below
        }

        // One malformed item must not wedge the tenant's sync forever; it is counted and skipped, and nothing of it is logged but the fact.
        logger.LogWarning("Skipped a directoryAudit of tenant {Tenant} without a usable id or activityDateTime", tenantId);
        return null;
    }

    private void TrackNewest(List<DirectoryAuditRecord> records)
    {
        foreach (var record in records)
        {
            if (state.NewestEventAt is not { } newest || record.ActivityDateTime > newest)
            {
                state.NewestEventAt = record.ActivityDateTime;
                state.BoundaryIds = [record.Id];
            }
            else if (record.ActivityDateTime == newest && !state.BoundaryIds.Contains(record.Id))
            {
                state.BoundaryIds.Add(record.Id);
            }
        }
    }

    /// <summary>
    /// An event the previous poll's window covered but did not return had not reached Graph then: it arrived late, by at most the time
    /// from its activityDateTime to this poll. That upper bound is what the settle window learns from (erring wide, never narrow).
    /// </summary>
    private void MeasureLateArrivals(AuditPage page, DateTimeOffset pollAt)
    {
        foreach (var item in page.Items)
        {
            if (!item.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 } id
                || !item.TryGetProperty("activityDateTime", out var timeElement) || !timeElement.TryGetDateTimeOffset(out var at))
            {
                continue;
            }

            // Seen for the first time, yet older than the previous poll's instant and inside what this activation has been reading:
            // it was not there when that poll ran.
            if (seenInWindow.TryAdd(id, at) && previousPoll is { } previous && trackedSince is { } since
                && at >= since && at >= forgottenBefore && at < previous.To)
            {
                Sync.SettleWindow.Record(state.LateArrivals, pollAt - at);
            }
        }
    }

    private void Forget(DateTimeOffset before)
    {
        forgottenBefore = before;
        foreach (var id in seenInWindow.Where(e => e.Value < before).Select(e => e.Key).ToList())
        {
            seenInWindow.Remove(id);
        }
    }

    private TimeSpan RemainingBackfill() => state.Pending.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Length);

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c)
    {
        var ab = a > b ? a : b;
        return ab > c ? ab : c;
    }
}
