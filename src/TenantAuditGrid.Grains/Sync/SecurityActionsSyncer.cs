using System.Text.Json;
using Microsoft.Extensions.Logging;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Mapping;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// securityActions: the whole list (pages of <see cref="SyncOptions.PageSize"/>) every <see cref="SyncOptions.SecurityActionsListInterval"/> (tenants hold few actions), and in between
/// each action that is not finished is re-read on its own until it completes or fails. Not in the reports throttle family, so no report
/// permits are spent; requests are spaced per tenant instead.
/// </summary>
internal sealed class SecurityActionsSyncer(
    string tenantId,
    SourceSyncState state,
    GraphCalls calls,
    SecurityActionsReader reader,
    IAuditStore store,
    SyncOptions options,
    TimeProvider clock,
    SyncMetrics metrics,
    ILogger logger) : ISourceSyncer
{
    private const string SourceName = "securityActions";

    public TimeSpan SettleWindow => TimeSpan.Zero;

    public async Task StepAsync(Func<Task> persist, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now >= state.NextListAt)
        {
            await ListAsync(now, cancellationToken);
            state.NextListAt = now + options.SecurityActionsListInterval;
            state.LastPollAt = now;
            state.HighWaterMark = now;
            metrics.Polled(tenantId, now);
            await persist();
            return;
        }

        var due = state.UnfinishedActions.Where(a => a.Value <= now).OrderBy(a => a.Value).Take(options.MaxActionRepollsPerTick).Select(a => a.Key).ToList();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var id in due)
        {
            var action = await calls.UnmeteredAsync((c, t) => reader.ReadActionAsync(c, id, t), cancellationToken);
            if (action is { } found && (await StoreAsync([found], cancellationToken)).Contains(id))
            {
                state.UnfinishedActions[id] = clock.GetUtcNow() + options.SecurityActionRepollInterval;
            }
            else
            {
                state.UnfinishedActions.Remove(id); // finished, or gone
            }
        }

        await persist();
    }

    private async Task ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unfinished = new HashSet<string>(StringComparer.Ordinal);
        for (var restart = 0; ; restart++)
        {
            var page = await calls.UnmeteredAsync((c, t) => reader.ReadFirstPageAsync(c, options.PageSize, null, t), cancellationToken);
            try
            {
                unfinished.UnionWith(await StoreAsync(page.Items, cancellationToken));
                while (page.NextLink is { } next)
                {
                    page = await calls.UnmeteredAsync((c, t) => reader.ReadNextPageAsync(c, next, t), cancellationToken);
                    unfinished.UnionWith(await StoreAsync(page.Items, cancellationToken));
                }

                break;
            }
            catch (GraphAccessException e) when (e.Failure.Kind == GraphFailureKind.BadRequest && restart < options.SliceRestarts)
            {
                // An expired or refused skiptoken: read the list again from its first page, as a directoryAudits slice does. What was
                // stored stays; the unfinished set is rebuilt from the pages of the read that completes.
                unfinished.Clear();
                state.Counters = state.Counters with { SliceRestarts = state.Counters.SliceRestarts + 1 };
            }
        }

        var repollAt = now + options.SecurityActionRepollInterval;
        state.UnfinishedActions = unfinished.ToDictionary(id => id, id => state.UnfinishedActions.GetValueOrDefault(id, repollAt), StringComparer.Ordinal);
    }

    /// <summary>Upserts the actions and returns the ids of those not finished yet.</summary>
    private async Task<List<string>> StoreAsync(IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        var records = new List<SecurityActionRecord>(items.Count);
        foreach (var item in items)
        {
            try
            {
                var record = SecurityActionMapper.FromGraph(tenantId, item);
                if (record.Id.Length > 0)
                {
                    records.Add(record);
                    continue;
                }
            }
            catch (ArgumentException)
            {
                // counted below
            }

            logger.LogWarning("Skipped a securityAction of tenant {Tenant} without a usable id or timestamps", tenantId);
        }

        var changed = records.Count == 0 ? 0 : await store.UpsertSecurityActionsAsync(records, cancellationToken);
        state.Counters = state.Counters with
        {
            EventsRead = state.Counters.EventsRead + items.Count,
            EventsStored = state.Counters.EventsStored + changed,
        };
        metrics.EventsIngested(SourceName, changed);
        return records.Where(r => !IsFinished(r.Status)).Select(r => r.Id).ToList();
    }

    // Graph documents PascalCase values and answers in camelCase; both are accepted.
    private static bool IsFinished(string? status) =>
        string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase);
}
