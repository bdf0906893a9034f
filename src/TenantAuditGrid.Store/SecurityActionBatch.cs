namespace TenantAuditGrid.Store;

/// <summary>
/// One upsert statement may touch a row only once, so a batch that names the same action twice (a re-polled page) is
/// reduced to the copy with the latest lastActionDateTime, the later one in the batch winning ties.
/// </summary>
internal static class SecurityActionBatch
{
    public static IEnumerable<SecurityActionRecord> LatestPerKey(IReadOnlyList<SecurityActionRecord> actions)
    {
        var latest = new Dictionary<(string TenantId, string Id), SecurityActionRecord>();
        foreach (var action in actions)
        {
            var key = (action.TenantId, action.Id);
            if (!latest.TryGetValue(key, out var kept) || !(action.LastActionDateTime < kept.LastActionDateTime))
            {
                latest[key] = action;
            }
        }

        return latest.Values;
    }
}
