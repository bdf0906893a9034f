namespace TenantAuditGrid.Store.Query;

/// <summary>Validates the options of <c>GET /api/reports/directoryAudits/counts</c>.</summary>
public static class AuditCountsQueryParser
{
    public static IReadOnlyList<string> GroupableProperties { get; } =
        ["tenantId", "category", "result", "activityDisplayName", "loggedByService", "operationType"];

    public static IReadOnlyDictionary<string, TimeSpan> Intervals { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["1d"] = TimeSpan.FromDays(1),
    };

    public static AuditCountsQuery Parse(string? groupBy, string? interval, string? filter, string? routeTenantId)
    {
        var groups = new List<string>();
        if (!string.IsNullOrEmpty(groupBy))
        {
            foreach (var name in groupBy.Split(',', StringSplitOptions.TrimEntries))
            {
                var match = GroupableProperties.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new QueryValidationException(
                        $"groupBy '{TenantIds.Truncate(name)}' is not supported; use any of {string.Join(", ", GroupableProperties)}.");
                if (groups.Contains(match))
                {
                    throw new QueryValidationException($"groupBy names '{match}' more than once.");
                }

                groups.Add(match);
            }
        }

        TimeSpan? width = null;
        if (interval is not null)
        {
            width = Intervals.TryGetValue(interval, out var value)
                ? value
                : throw new QueryValidationException($"interval '{TenantIds.Truncate(interval)}' is not supported; use 15m, 1h or 1d.");
        }

        var tenantId = routeTenantId is null ? null : TenantIds.Normalize(routeTenantId);
        return new AuditCountsQuery(DirectoryAuditQueryParser.ParseFilter(filter), groups, width, tenantId);
    }
}
