using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Validates the OData query options of a directoryAudits request with Microsoft.OData.Core against <see cref="GraphEdmModel"/>.
/// Everything a caller can get wrong surfaces here (or in <see cref="FilterSqlTranslator"/>) as a <see cref="QueryValidationException"/>.
/// </summary>
public sealed class DirectoryAuditQueryParser(SkipTokenProtector skipTokens)
{
    public const int DefaultTop = 100;
    public const int MaxTop = 999;
    public const int MaxFilterLength = 8192;

    /// <summary>Query options the gateway itself interprets; the parser lets them pass.</summary>
    private static readonly HashSet<string> GatewayOptions = new(StringComparer.OrdinalIgnoreCase) { "$format" };

    private static readonly HashSet<string> SupportedOptions =
        new(StringComparer.OrdinalIgnoreCase) { "$filter", "$top", "$orderby", "$count", "$select", "$skiptoken" };

    /// <param name="queryOptions">The request's query string pairs (names as sent; options not starting with '$' are ignored as Graph does).</param>
    /// <param name="routeTenantId">The tenant of a per-tenant route, or null.</param>
    public DirectoryAuditQuery Parse(IEnumerable<KeyValuePair<string, string?>> queryOptions, string? routeTenantId)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        var options = Collect(queryOptions);
        var tenantId = routeTenantId is null ? null : TenantIds.Normalize(routeTenantId);

        var filterText = options.GetValueOrDefault("$filter");
        var orderByText = options.GetValueOrDefault("$orderby");
        var selectText = options.GetValueOrDefault("$select");
        var top = ParseTop(options.GetValueOrDefault("$top"));
        var includeCount = ParseCount(options.GetValueOrDefault("$count"));

        var parser = CreateParser(filterText, orderByText, selectText);
        var filter = Run("$filter", filterText, parser.ParseFilter);
        var direction = ParseOrderBy(Run("$orderby", orderByText, parser.ParseOrderBy));
        var select = ParseSelect(Run("$select", selectText, parser.ParseSelectAndExpand));

        if (filter is not null)
        {
            // Translating once against a throwaway parameter list rejects unsupported constructs before any SQL runs.
            new FilterSqlTranslator(PostgresDialect.Instance, new SqlParameters(), FilterTarget.DirectoryAudits).Translate(filter);
        }

        var fingerprint = Fingerprint(filterText, orderByText, selectText, top, includeCount, tenantId);
        var after = options.GetValueOrDefault("$skiptoken") is { } token ? skipTokens.Unprotect(token, fingerprint) : null;
        return new DirectoryAuditQuery(filter, top, direction, includeCount, select, after, tenantId, fingerprint);
    }

    /// <summary>Parses only a <c>$filter</c> (for aggregations and exports that share the grammar).</summary>
    public static FilterClause? ParseFilter(string? filterText)
    {
        var filter = Run("$filter", filterText, CreateParser(filterText, null, null).ParseFilter);
        if (filter is not null)
        {
            new FilterSqlTranslator(PostgresDialect.Instance, new SqlParameters(), FilterTarget.DirectoryAudits).Translate(filter);
        }

        return filter;
    }

    internal static ODataQueryOptionParser CreateParser(string? filter, string? orderBy, string? select) =>
        CreateParser(filter, orderBy, select, GraphEdmModel.DirectoryAudit, GraphEdmModel.DirectoryAudits);

    internal static ODataQueryOptionParser CreateParser(string? filter, string? orderBy, string? select, IEdmEntityType type, IEdmEntitySet set)
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

        var parser = new ODataQueryOptionParser(GraphEdmModel.Model, type, set, raw)
        {
            // Graph accepts enum members as plain strings (result eq 'success') and property names in any case.
            Resolver = new StringAsEnumResolver { EnableCaseInsensitive = true },
        };
        parser.Settings.MaximumExpansionDepth = 0;
        return parser;
    }

    private static Dictionary<string, string> Collect(IEnumerable<KeyValuePair<string, string?>> queryOptions)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in queryOptions)
        {
            if (!name.StartsWith('$') || GatewayOptions.Contains(name))
            {
                continue;
            }

            if (!SupportedOptions.Contains(name))
            {
                throw new QueryValidationException($"The query option '{TenantIds.Truncate(name)}' is not supported. Supported: $filter, $top, $orderby, $count, $select, $skiptoken.");
            }

            if (!options.TryAdd(name, value ?? string.Empty))
            {
                throw new QueryValidationException($"The query option '{name}' is specified more than once.");
            }
        }

        return options;
    }

    internal static T? Run<T>(string option, string? text, Func<T> parse)
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

    private static int ParseTop(string? text)
    {
        if (text is null)
        {
            return DefaultTop;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top is < 1 or > MaxTop)
        {
            throw new QueryValidationException($"Invalid $top '{TenantIds.Truncate(text)}': it must be an integer from 1 to {MaxTop}.");
        }

        return top;
    }

    private static bool ParseCount(string? text) => text switch
    {
        null => false,
        _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new QueryValidationException($"Invalid $count '{TenantIds.Truncate(text)}': it must be true or false."),
    };

    private static SortDirection ParseOrderBy(OrderByClause? orderBy)
    {
        if (orderBy is null)
        {
            return SortDirection.Descending;
        }

        if (orderBy.ThenBy is not null
            || orderBy.Expression is not SingleValuePropertyAccessNode { Property.Name: "activityDateTime", Source: ResourceRangeVariableReferenceNode })
        {
            throw new QueryValidationException("$orderby supports only activityDateTime, as in $orderby=activityDateTime desc.");
        }

        return orderBy.Direction == OrderByDirection.Ascending ? SortDirection.Ascending : SortDirection.Descending;
    }

    private static List<string>? ParseSelect(SelectExpandClause? clause)
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
                    throw new QueryValidationException($"Could not find a property named '{TenantIds.Truncate(dynamic.Identifier)}' on type 'microsoft.graph.directoryAudit'.");
                default:
                    throw new QueryValidationException("$select supports top-level properties of directoryAudit only, as in $select=id,activityDateTime,category.");
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static byte[] Fingerprint(string? filter, string? orderBy, string? select, int top, bool count, string? tenantId)
    {
        var text = string.Join('\u001f', filter ?? "\u0000", orderBy ?? "\u0000", select ?? "\u0000",
            top.ToString(CultureInfo.InvariantCulture), count ? "1" : "0", tenantId ?? "\u0000");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
    }
}
