using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Turns <c>$filter</c> and <c>$orderby</c> into an <see cref="AuditQuery"/>: Microsoft.OData.Core parses them against the
/// CSDL's directoryAudit type, and <see cref="FilterEvaluator"/> evaluates the resulting semantic tree per event.
/// </summary>
internal static class AuditQueryCompiler
{
    public static AuditQuery Compile(string? filter, string? orderBy)
    {
        var options = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            options["$filter"] = filter;
        }

        if (!string.IsNullOrWhiteSpace(orderBy))
        {
            options["$orderby"] = orderBy;
        }

        var parser = new ODataQueryOptionParser(GraphSchema.Model, GraphSchema.DirectoryAudit, null, options)
        {
            Resolver = new StringAsEnumResolver { EnableCaseInsensitive = true },
        };

        FilterClause? filterClause;
        OrderByClause? orderByClause;
        try
        {
            filterClause = parser.ParseFilter();
            orderByClause = parser.ParseOrderBy();
        }
        catch (ODataException e)
        {
            throw new GraphQueryException("BadRequest", $"Invalid filter clause: {e.Message}");
        }

        var descending = true;
        if (orderByClause is not null)
        {
            if (orderByClause.ThenBy is not null || !FilterEvaluator.IsActivityDateTime(orderByClause.Expression))
            {
                throw new GraphQueryException("BadRequest", "Invalid $orderby: only activityDateTime asc|desc is supported.");
            }

            descending = orderByClause.Direction == OrderByDirection.Descending;
        }

        if (filterClause is null)
        {
            return new AuditQuery(static _ => true, null, null, descending);
        }

        var expression = filterClause.Expression;
        FilterEvaluator.EnsureSupported(expression);
        var (from, to) = FilterEvaluator.TimeBounds(expression);
        return new AuditQuery(e => FilterEvaluator.Matches(expression, e), from, to, descending);
    }
}
