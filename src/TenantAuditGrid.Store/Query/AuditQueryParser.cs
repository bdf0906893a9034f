using System.Globalization;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Validates the query of a collection list or a counts report: options read by <see cref="QueryOptions"/>, <c>$filter</c>,
/// <c>$orderby</c> and <c>$select</c> parsed by Microsoft.OData.Core against <see cref="GraphEdmModel"/>, and the filter
/// translated once for the store's own <see cref="SqlDialect"/>, so an unsupported construct is refused before any SQL runs.
/// Everything a caller can get wrong surfaces here as a <see cref="QueryValidationException"/>.
/// </summary>
public sealed class AuditQueryParser(SqlDialect dialect, SkipTokenProtector skipTokens)
{
    public const int MaxFilterLength = 8192;

    private static readonly string[] CountsOptions = ["groupBy", "interval", "$filter", "tenantId"];

    public static IReadOnlyList<string> GroupableProperties { get; } =
        ["tenantId", "category", "result", "activityDisplayName", "loggedByService", "operationType"];

    public static IReadOnlyDictionary<string, TimeSpan> Intervals { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <param name="queryOptions">The request's query string pairs (names not starting with '$' are ignored, as Graph does).</param>
    /// <param name="routeTenantId">The tenant of a per-tenant route, or null.</param>
    public CollectionQuery Parse(AuditCollection collection, IEnumerable<KeyValuePair<string, string?>> queryOptions, string? routeTenantId)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var options = QueryOptions.Read(queryOptions, collection.Name, collection.SupportedOptions,
            name => !name.StartsWith('$') || (collection.Exportable && name.Equals("$format", StringComparison.OrdinalIgnoreCase)));
        var tenantId = routeTenantId is null ? null : TenantIds.Normalize(routeTenantId);

        var filterText = options["$filter"];
        var orderByText = options["$orderby"];
        var selectText = options["$select"];
        var requestedTop = options.Top();
        var includeCount = options.Count();

        var parser = CreateParser(collection, filterText, orderByText, selectText);
        var filter = Validated(collection, Run("$filter", filterText, parser.ParseFilter));
        var direction = ParseOrderBy(collection, Run("$orderby", orderByText, parser.ParseOrderBy));
        var select = ParseSelect(collection, Run("$select", selectText, parser.ParseSelectAndExpand));

        var fingerprint = QueryOptions.Fingerprint(collection.KeysetName,
            filterText, orderByText, selectText, (requestedTop ?? QueryOptions.DefaultTop).ToString(CultureInfo.InvariantCulture), includeCount ? "1" : "0", tenantId);
        var after = options["$skiptoken"] is { } token ? skipTokens.Unprotect(token, fingerprint) : null;
        return new CollectionQuery(collection, filter, requestedTop, direction, includeCount, select, after, tenantId, fingerprint);
    }

    /// <summary>The options of <c>GET /api/reports/directoryAudits/counts</c>: groupBy, interval, $filter and tenantId.</summary>
    public AuditCountsQuery ParseCounts(IEnumerable<KeyValuePair<string, string?>> queryOptions)
    {
        var options = QueryOptions.Read(queryOptions, "the counts report", CountsOptions, _ => false);
        return ParseCounts(options["groupBy"], options["interval"], options["$filter"], options["tenantId"]);
    }

    public AuditCountsQuery ParseCounts(string? groupBy, string? interval, string? filter, string? tenantId)
    {
        var groups = new List<string>();
        if (!string.IsNullOrEmpty(groupBy))
        {
            foreach (var name in groupBy.Split(',', StringSplitOptions.TrimEntries))
            {
                var match = GroupableProperties.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new QueryValidationException(
                        $"groupBy '{CallerText.Quote(name)}' is not supported; use any of {string.Join(", ", GroupableProperties)}.");
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
                : throw new QueryValidationException($"interval '{CallerText.Quote(interval)}' is not supported; use 15m, 1h or 1d.");
        }

        var normalizedTenant = tenantId is null ? null : TenantIds.Normalize(tenantId);
        return new AuditCountsQuery(ParseFilter(AuditCollection.DirectoryAudits, filter), groups, width, normalizedTenant);
    }

    /// <summary>Parses and validates a <c>$filter</c> alone.</summary>
    public FilterClause? ParseFilter(AuditCollection collection, string? filterText)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return Validated(collection, Run("$filter", filterText, CreateParser(collection, filterText, null, null).ParseFilter));
    }

    /// <summary>Translating once against a throwaway parameter list rejects what the store cannot run, before any SQL runs.</summary>
    private FilterClause? Validated(AuditCollection collection, FilterClause? filter)
    {
        if (filter is not null)
        {
            new FilterSqlTranslator(dialect, new SqlParameters(), collection).Translate(filter.Expression);
        }

        return filter;
    }

    private static ODataQueryOptionParser CreateParser(AuditCollection collection, string? filter, string? orderBy, string? select)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        if (filter is not null)
        {
            if (filter.Length > MaxFilterLength)
            {
                throw new QueryValidationException($"The $filter is longer than {MaxFilterLength} characters.");
            }

            raw["$filter"] = filter;
        }

        if (orderBy is not null)
        {
            raw["$orderby"] = orderBy;
        }

        if (select is not null)
        {
            raw["$select"] = select;
        }

        var parser = new ODataQueryOptionParser(GraphEdmModel.Model, collection.EntityType, collection.EntitySet, raw)
        {
            // Graph accepts enum members as plain strings (result eq 'success') and property names in any case.
            Resolver = new StringAsEnumResolver { EnableCaseInsensitive = true },
        };
        parser.Settings.MaximumExpansionDepth = 0;
        return parser;
    }

    private static T? Run<T>(string option, string? text, Func<T> parse)
        where T : class
    {
        if (text is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new QueryValidationException($"The {option} query option is empty.");
        }

        try
        {
            return parse();
        }
        catch (QueryValidationException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Microsoft.OData.Core explains syntax and binding problems in its messages (unknown property, bad literal, …).
            throw new QueryValidationException($"Invalid {option}: {ex.Message}", ex);
        }
    }

    private static SortDirection ParseOrderBy(AuditCollection collection, OrderByClause? orderBy)
    {
        if (orderBy is null)
        {
            return SortDirection.Descending;
        }

        if (orderBy.ThenBy is not null
            || orderBy.Expression is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } property
            || property.Property.Name != collection.SortProperty)
        {
            throw new QueryValidationException(
                $"$orderby supports only {collection.SortProperty}, as in $orderby={collection.SortProperty} desc.");
        }

        return orderBy.Direction == OrderByDirection.Ascending ? SortDirection.Ascending : SortDirection.Descending;
    }

    private static List<string>? ParseSelect(AuditCollection collection, SelectExpandClause? clause)
    {
        if (clause is null || clause.AllSelected)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case WildcardSelectItem:
                    return null;
                case PathSelectItem { SelectedPath.Count: 1 } path when path.SelectedPath.FirstSegment is PropertySegment property:
                    names.Add(property.Property.Name);
                    break;
                case PathSelectItem path when path.SelectedPath.FirstSegment is DynamicPathSegment dynamic:
                    throw new QueryValidationException($"Could not find a property named '{CallerText.Quote(dynamic.Identifier)}' on type '{collection.TypeName}'.");
                default:
                    throw new QueryValidationException(
                        $"$select supports top-level properties of {collection.EntityName} only, as in $select=id,{collection.SortProperty},tenantId.");
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
