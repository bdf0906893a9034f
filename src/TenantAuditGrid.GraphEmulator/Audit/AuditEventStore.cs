using Microsoft.Extensions.Caching.Memory;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Reads generated events: keeps recently generated hours in a size-bounded cache, applies retention and late arrival
/// (an event is visible from its VisibleAt until it ages out of the tenant's retention window), and pages through a range.
/// </summary>
internal sealed class AuditEventStore : IDisposable
{
    private readonly MemoryCache buckets = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public AuditEvent[] Bucket(TenantActivity tenant, long bucket)
    {
        var key = (tenant.GenerationKey, bucket, tenant.EventsPerDay);
        if (buckets.TryGetValue(key, out AuditEvent[]? cached) && cached is not null)
        {
            return cached;
        }

        var generated = AuditEventGenerator.Generate(tenant, bucket);
        buckets.Set(key, generated, new MemoryCacheEntryOptions { Size = Math.Max(1, generated.Length) });
        return generated;
    }

    public static bool IsVisible(TenantActivity tenant, AuditEvent e, DateTimeOffset now) =>
        e.VisibleAt <= now && e.ActivityDateTime >= now - tenant.Retention;

    public AuditEvent? Find(TenantActivity tenant, string id, DateTimeOffset now)
    {
        if (AuditEventGenerator.Locate(id) is not { } location)
        {
            return null;
        }

        var events = Bucket(tenant, location.Bucket);
        return location.Ordinal < events.Length && events[location.Ordinal].Id == id && IsVisible(tenant, events[location.Ordinal], now)
            ? events[location.Ordinal]
            : null;
    }

    /// <summary>Every event visible at <paramref name="now"/>, newest first: the ground truth a client should end up with.</summary>
    public List<AuditEvent> AllVisible(TenantActivity tenant, DateTimeOffset now)
    {
        var result = new List<AuditEvent>();
        for (var b = AuditEventGenerator.BucketOf(now); b >= AuditEventGenerator.BucketOf(now - tenant.Retention); b--)
        {
            var events = Bucket(tenant, b);
            for (var i = events.Length - 1; i >= 0; i--)
            {
                if (IsVisible(tenant, events[i], now))
                {
                    result.Add(events[i]);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// One page: walks the query's time range in order from just past the cursor, keeps matches, and stops at
    /// <paramref name="top"/> matches or after examining <paramref name="maxScanned"/> visible events. The returned cursor
    /// is the last event examined, or null when the range is exhausted.
    /// </summary>
    public AuditPage Page(TenantActivity tenant, DateTimeOffset now, AuditQuery query, AuditCursor? cursor, int top, int maxScanned)
    {
        var low = now - tenant.Retention;
        if (query.From is { } from && from > low)
        {
            low = from;
        }

        var high = query.To is { } to && to < now ? to : now;
        var matches = new List<AuditEvent>(Math.Min(top, 1024));
        if (low > high)
        {
            return new AuditPage(matches, null);
        }

        var firstBucket = AuditEventGenerator.BucketOf(query.Descending ? high : low);
        var lastBucket = AuditEventGenerator.BucketOf(query.Descending ? low : high);
        if (cursor is not null)
        {
            firstBucket = AuditEventGenerator.BucketOf(cursor.ActivityDateTime);
        }

        var step = query.Descending ? -1 : 1;
        var scanned = 0;
        for (var b = firstBucket; query.Descending ? b >= lastBucket : b <= lastBucket; b += step)
        {
            var events = Bucket(tenant, b);
            for (var n = 0; n < events.Length; n++)
            {
                var e = events[query.Descending ? events.Length - 1 - n : n];
                if (e.ActivityDateTime < low || e.ActivityDateTime > high || e.VisibleAt > now || (cursor is not null && !cursor.IsBefore(e, query.Descending)))
                {
                    continue;
                }

                scanned++;
                if (query.Predicate(e))
                {
                    matches.Add(e);
                }

                if (matches.Count == top || scanned >= maxScanned)
                {
                    return new AuditPage(matches, new AuditCursor(e.ActivityDateTime, e.Id));
                }
            }
        }

        return new AuditPage(matches, null);
    }

    public void Dispose() => buckets.Dispose();
}

/// <summary>A compiled query: the predicate plus the time bounds the filter implies, used to skip whole hours.</summary>
internal sealed record AuditQuery(Func<AuditEvent, bool> Predicate, DateTimeOffset? From, DateTimeOffset? To, bool Descending);

internal sealed record AuditPage(IReadOnlyList<AuditEvent> Events, AuditCursor? Next);

/// <summary>The position after which the next page starts, in (activityDateTime, id) order.</summary>
internal sealed record AuditCursor(DateTimeOffset ActivityDateTime, string Id)
{
    /// <summary>True when <paramref name="e"/> comes after this cursor in the page order.</summary>
    public bool IsBefore(AuditEvent e, bool descending)
    {
        var byTime = e.ActivityDateTime.CompareTo(ActivityDateTime);
        var order = byTime != 0 ? byTime : CompareIds(e.Id, Id);
        return descending ? order < 0 : order > 0;
    }

    /// <summary>Within one instant events keep their generation order, which the numeric id suffix records.</summary>
    public static int CompareIds(string a, string b) =>
        (AuditEventGenerator.Locate(a)?.Ordinal ?? 0).CompareTo(AuditEventGenerator.Locate(b)?.Ordinal ?? 0);
}
