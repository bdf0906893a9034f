using System.Globalization;
using System.Text.Json.Nodes;

using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// Seeded random $filter expressions over the directoryAudit grammar, built from values that occur in the events
/// (so many filters match something) and from values that do not (so many do not).
/// </summary>
public sealed class RandomFilterGenerator(int seed, IReadOnlyList<GeneratedEvent> events, IReadOnlyList<string> tenants)
{
    /// <summary>A tenant no seeded event belongs to (generated tenants come from the seeded Random, never this constant).</summary>
    private const string UnknownTenant = "5c0ffee0-0000-4000-8000-000000000001";

    private static readonly string[] TextColumns =
        ["activityDisplayName", "category", "correlationId", "loggedByService", "operationType", "resultReason", "id",
         "initiatedBy/user/id", "initiatedBy/user/displayName", "initiatedBy/user/userPrincipalName", "initiatedBy/user/ipAddress",
         "initiatedBy/app/appId", "initiatedBy/app/displayName", "initiatedBy/app/servicePrincipalName"];

    private readonly Random random = new(seed);

    // Mostly whole results in one or two pages; paging itself is exercised by the ordered-paging tests.
    public int Top() => random.Next(4) == 0 ? random.Next(150, 400) : 999;

    public string Next() => Expression(depth: 0);

    private string Expression(int depth)
    {
        var roll = random.Next(depth >= 3 ? 6 : 10);
        return roll switch
        {
            6 => $"({Expression(depth + 1)}) and ({Expression(depth + 1)})",
            7 => $"({Expression(depth + 1)}) or ({Expression(depth + 1)})",
            8 => $"not ({Expression(depth + 1)})",
            9 => $"{Expression(depth + 1)} and {Atom()}",
            _ => Atom(),
        };
    }

    private string Atom() => random.Next(14) switch
    {
        0 or 1 => TextComparison(),
        2 => $"startswith({PickColumn()}, {Quote(Recase(Prefix(ValueOf(PickColumnCached()))))})",
        3 => $"{PickColumnCached()} {Pick("eq", "ne")} null",
        4 or 5 => TimeComparison(),
        6 => $"result {Pick("eq", "ne")} '{Pick("success", "failure", "timeout", "unknownFutureValue")}'",
        7 => $"tenantId {Pick("eq", "ne")} '{TenantLiteral()}'",
        8 => $"tenantId in ({string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Quote(TenantLiteral())))})",
        9 => $"category in ({string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Quote(Recase(Pick(AuditEventGenerator.Categories)))))})",
        10 => TargetLambda(),
        11 => $"additionalDetails/{Pick("any", "all")}(a: a/key eq {Quote(Pick(AuditEventGenerator.DetailKeys))}{(random.Next(2) == 0 ? "" : $" and a/value {Pick("eq", "ne")} 'Guest'")})",
        12 => $"targetResources/any(t: t/modifiedProperties/any(m: m/displayName eq {Quote(Pick(AuditEventGenerator.ModifiedProperties))}))",
        _ => Pick("targetResources/any()", "additionalDetails/any()", "true", "false"),
    };

    private string lastColumn = "category";

    private string PickColumn() => lastColumn = Pick(TextColumns);

    private string PickColumnCached() => random.Next(2) == 0 ? PickColumn() : lastColumn;

    private string TextComparison()
    {
        var column = PickColumn();
        var value = random.Next(5) == 0 ? "no-such-value" : Recase(ValueOf(column) ?? "x");
        return random.Next(4) == 0
            ? $"{Quote(value)} {Pick("eq", "ne")} {column}"
            : $"{column} {Pick("eq", "ne")} {Quote(value)}";
    }

    private string TimeComparison()
    {
        var op = Pick("eq", "ne", "gt", "ge", "lt", "le");
        var sample = events[random.Next(events.Count)].ActivityDateTime;
        var literal = random.Next(4) switch
        {
            0 => sample.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => sample.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            2 => sample.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            _ => sample.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        return random.Next(5) == 0 ? $"{literal} {op} activityDateTime" : $"activityDateTime {op} {literal}";
    }

    private string TargetLambda()
    {
        var field = Pick("id", "displayName", "type", "userPrincipalName", "groupType");
        var sample = events[random.Next(events.Count)].Payload["targetResources"] as JsonArray;
        var value = field switch
        {
            "type" => Pick(AuditEventGenerator.TargetTypes),
            "groupType" => Pick(AuditEventGenerator.GroupTypes),
            _ => sample is { Count: > 0 } ? (sample[0]?[field]?.GetValue<string>() ?? "nobody") : "nobody",
        };
        var predicate = random.Next(3) == 0 && field is "displayName" or "userPrincipalName"
            ? $"startswith(t/{field}, {Quote(Prefix(value))})"
            : $"t/{field} {Pick("eq", "ne")} {Quote(value)}";
        return $"targetResources/{Pick("any", "any", "all")}(t: {predicate})";
    }

    private string? ValueOf(string path)
    {
        var e = events[random.Next(events.Count)];
        if (path == "id")
        {
            return e.Id;
        }

        JsonNode? node = e.Payload;
        foreach (var segment in path.Split('/'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node?.GetValue<string>();
    }

    // Graph's string comparisons ignore case, so some literals arrive in another case than the stored value.
    private string Recase(string value) => random.Next(4) switch
    {
        0 => value.ToUpperInvariant(),
        1 => value.ToLowerInvariant(),
        _ => value,
    };

    private string Prefix(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[..random.Next(0, Math.Min(value.Length, 12) + 1)];

    // One in six names a well-formed tenant id the store does not hold, so "no such tenant" is exercised too.
    private string TenantLiteral() => random.Next(6) == 0 ? UnknownTenant : Pick(tenants.ToArray());

    private static string Quote(string? value) => "'" + (value ?? "").Replace("'", "''", StringComparison.Ordinal) + "'";

    private T Pick<T>(params T[] values) => values[random.Next(values.Length)];
}
