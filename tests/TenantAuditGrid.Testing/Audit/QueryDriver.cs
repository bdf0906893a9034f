using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>Runs a query the way the gateway does: parse the options, read a page, and follow the skip token until the end.</summary>
public static class QueryDriver
{
    public static async Task<List<AuditRow>> ReadAllAsync(
        AuditQueryParser parser,
        AuditQueryService service,
        SkipTokenProtector skipTokens,
        IReadOnlyList<KeyValuePair<string, string?>> options,
        TenantScope scope,
        string? tenantId = null,
        int maxPages = 10_000)
    {
        var rows = new List<AuditRow>();
        var query = parser.Parse(AuditCollection.DirectoryAudits, options, tenantId);
        for (var pages = 0; pages < maxPages; pages++)
        {
            var page = await service.ReadPageAsync(query, scope, CancellationToken.None);
            rows.AddRange(page.Rows);
            if (page.Next is not { } next)
            {
                return rows;
            }

            var token = skipTokens.Protect(next, query.Fingerprint);
            query = parser.Parse(AuditCollection.DirectoryAudits, [.. options, new("$skiptoken", token)], tenantId);
        }

        throw new InvalidOperationException("Paging did not end.");
    }

    public static List<KeyValuePair<string, string?>> Options(string? filter = null, int? top = null, string? orderBy = null)
    {
        var options = new List<KeyValuePair<string, string?>>();
        if (filter is not null)
        {
            options.Add(new("$filter", filter));
        }

        if (top is not null)
        {
            options.Add(new("$top", top.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (orderBy is not null)
        {
            options.Add(new("$orderby", orderBy));
        }

        return options;
    }

    /// <summary>The order the gateway promises: activityDateTime, then tenantId, then id, all in one direction.</summary>
    public static IEnumerable<GeneratedEvent> Ordered(IEnumerable<GeneratedEvent> events, SortDirection direction) =>
        direction == SortDirection.Descending
            ? events.OrderByDescending(e => e.ActivityDateTime).ThenByDescending(e => e.TenantId, StringComparer.Ordinal).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            : events.OrderBy(e => e.ActivityDateTime).ThenBy(e => e.TenantId, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);
}
