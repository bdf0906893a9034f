using System.Globalization;

namespace TenantAuditGrid.Graph.Reading;

/// <summary>
/// The first page of a directoryAudits time slice: <c>activityDateTime ge From and activityDateTime lt To</c>
/// (half-open, so adjacent slices neither overlap nor leave a gap), <c>$top</c>, <c>$orderby</c>.
/// Either bound may be null for an open end.
/// </summary>
public sealed record AuditWindowQuery(DateTimeOffset? From, DateTimeOffset? To, int Top = AuditWindowQuery.MaxTop, AuditOrder Order = AuditOrder.NewestFirst)
{
    /// <summary>The largest <c>$top</c> directoryAudits is known to accept (Graph does not document one; 999 is safe).</summary>
    public const int MaxTop = 999;

    public void Validate()
    {
        if (Top is < 1 or > MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(Top), Top, $"$top must be between 1 and {MaxTop}.");
        }

        if (From is { } from && To is { } to && from >= to)
        {
            throw new ArgumentException("The window's start must be before its end.", nameof(From));
        }
    }

    /// <summary>The OData <c>$filter</c>, or null when the window is unbounded.</summary>
    public string? Filter()
    {
        var parts = new List<string>(2);
        if (From is { } from)
        {
            parts.Add($"activityDateTime ge {Literal(from)}");
        }

        if (To is { } to)
        {
            parts.Add($"activityDateTime lt {Literal(to)}");
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    public string OrderBy() => Order == AuditOrder.NewestFirst ? "activityDateTime desc" : "activityDateTime asc";

    // An OData DateTimeOffset literal in UTC, with as many fractional digits as needed (none for whole seconds).
    private static string Literal(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
