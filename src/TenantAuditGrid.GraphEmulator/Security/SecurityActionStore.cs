namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Security actions per tenant, in memory: those submitted to this emulator, and the ones other tools submit
/// (<see cref="BackgroundSecurityActions"/>), which join a tenant's list as the emulated clock reaches their creation. Timing is
/// deterministic per action id and seed.
/// </summary>
internal sealed class SecurityActionStore(EmulatorRuntime runtime)
{
    // Background actions start this long before the emulator did, as a tenant's history would.
    private static readonly TimeSpan BackgroundHistory = TimeSpan.FromDays(30);

    private readonly object gate = new();
    private readonly Dictionary<Guid, List<SecurityActionRecord>> byTenant = [];
    private readonly Dictionary<Guid, DateTimeOffset> backgroundUpTo = [];
    private readonly DateTimeOffset backgroundStart = runtime.Clock.GetUtcNow() - BackgroundHistory;

    private int Seed => runtime.Options.Seed;

    /// <summary>Creates an action submitted at <paramref name="createdAt"/>; its progress is timed from then.</summary>
    public SecurityActionRecord Create(Guid tenantId, SecurityActionRequest request, string appId, string? user, DateTimeOffset createdAt)
    {
        var id = Guid.NewGuid();
        var random = StableHash.Random((ulong)(uint)Seed, BitConverter.ToUInt64(id.ToByteArray()), 0x5EC);
        var record = SecurityActionRecord.Submitted(id.ToString(), tenantId, request, appId, user, createdAt, random);
        lock (gate)
        {
            ActionsOf(tenantId).Add(record);
        }

        return record;
    }

    /// <summary>All of the tenant's actions, newest first (ties by id, descending: the paging order).</summary>
    public IReadOnlyList<SecurityActionRecord> List(Guid tenantId)
    {
        lock (gate)
        {
            return ActionsOf(tenantId).OrderByDescending(a => a.CreatedDateTime).ThenByDescending(a => a.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>
    /// Up to <paramref name="top"/> actions after <paramref name="after"/> in <see cref="List"/> order, and the cursor of the last one
    /// when more follow. A keyset cursor, so actions created between pages neither shift nor repeat the rest.
    /// </summary>
    public (IReadOnlyList<SecurityActionRecord> Items, SecurityActionCursor? Next) Page(Guid tenantId, SecurityActionCursor? after, int top)
    {
        var remaining = List(tenantId).Where(a => after is null || IsAfter(a, after)).Take(top + 1).ToList();
        if (remaining.Count <= top)
        {
            return (remaining, null);
        }

        var last = remaining[top - 1];
        return (remaining.Take(top).ToList(), new SecurityActionCursor(last.CreatedDateTime, last.Id));
    }

    private static bool IsAfter(SecurityActionRecord action, SecurityActionCursor cursor) =>
        action.CreatedDateTime < cursor.CreatedDateTime
        || (action.CreatedDateTime == cursor.CreatedDateTime && string.CompareOrdinal(action.Id, cursor.Id) < 0);

    public SecurityActionRecord? Find(Guid tenantId, string id)
    {
        lock (gate)
        {
            return ActionsOf(tenantId).FirstOrDefault(a => a.Id == id);
        }
    }

    /// <summary>Null when the action does not exist; false when it had already finished (nothing changes then).</summary>
    public bool? Cancel(Guid tenantId, string id, DateTimeOffset now)
    {
        lock (gate)
        {
            var list = ActionsOf(tenantId);
            if (list.FindIndex(a => a.Id == id) is var index && index < 0)
            {
                return null;
            }

            if (list[index].IsFinished(now) || list[index].CanceledAt is not null)
            {
                return false;
            }

            list[index] = list[index] with { CanceledAt = now };
            return true;
        }
    }

    /// <summary>The tenant's list, with the background actions created up to now added to it. The caller holds the lock.</summary>
    private List<SecurityActionRecord> ActionsOf(Guid tenantId)
    {
        if (!byTenant.TryGetValue(tenantId, out var list))
        {
            list = [];
            byTenant.Add(tenantId, list);
        }

        var perDay = runtime.Options.Activity.SecurityActionsPerDay;
        var now = runtime.Clock.GetUtcNow();
        var from = backgroundUpTo.GetValueOrDefault(tenantId, backgroundStart);
        if (perDay > 0 && now > from)
        {
            for (var day = BackgroundSecurityActions.DayOf(from); day <= BackgroundSecurityActions.DayOf(now); day++)
            {
                list.AddRange(BackgroundSecurityActions.OnDay(Seed, tenantId, day, perDay).Where(a => a.CreatedDateTime > from && a.CreatedDateTime <= now));
            }

            backgroundUpTo[tenantId] = now;
        }

        return list;
    }
}

internal sealed record SecurityActionCursor(DateTimeOffset CreatedDateTime, string Id);

/// <summary>The body of a create request; user, appId and azureTenantId are never taken from it.</summary>
internal sealed record SecurityActionRequest(
    string? Name, string? ActionReason, string? ClientContext, IReadOnlyList<SecurityActionParameter>? Parameters, SecurityVendorInformation? VendorInformation);
