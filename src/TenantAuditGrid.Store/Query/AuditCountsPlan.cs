using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// How an aggregation is answered: by the raw table alone, or by <see cref="AuditCountRollup"/>s for the whole buckets inside the
/// filter's time range plus the raw table for the partial hours at its edges. The rollups are used only when the filter is a
/// conjunction of activityDateTime bounds (gt, ge, lt, le) and conditions on the rollup's dimensions alone; anything else
/// (lambdas, other properties, activityDateTime under or/not, 15-minute buckets) reads the raw table, so every answer is exact.
/// Of the rollups of one bucket width, the narrowest that keeps every grouped and filtered dimension is read (tenantId and
/// category alone: the category rollups). Whole days come from a daily rollup; a partial day at an edge from an hourly one, or
/// as the whole day minus its hours outside the range when those are fewer, so no more than 12 hourly buckets are read per edge.
/// </summary>
public sealed class AuditCountsPlan
{
    private AuditCountsPlan(IReadOnlyList<SingleValueNode> dimensionConditions, IReadOnlyList<Segment> segments)
    {
        DimensionConditions = dimensionConditions;
        Segments = segments;
    }

    /// <summary>The filter's conjuncts other than the time bounds; for rollup segments, translated against the rollup's columns.</summary>
    public IReadOnlyList<SingleValueNode> DimensionConditions { get; }

    /// <summary>Disjoint pieces of the time range whose counts add up to the answer; a null rollup means the raw table.</summary>
    public IReadOnlyList<Segment> Segments { get; }

    public static AuditCountsPlan RawOnly { get; } = new([], [new Segment(null, null, null)]);

    public static AuditCountsPlan For(AuditCountsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<SingleValueNode>();
        TimeBound? lower = null, upper = null;
        foreach (var conjunct in query.Filter is null ? [] : Conjuncts(query.Filter.Expression))
        {
            if (TimeBoundOf(conjunct) is { } bound)
            {
                if (bound.IsLower)
                {
                    lower = lower is null || bound.IsTighterLowerThan(lower) ? bound : lower;
                }
                else
                {
                    upper = upper is null || bound.IsTighterUpperThan(upper) ? bound : upper;
                }
            }
            else if (OnlyReferences(conjunct, AuditCountRollup.Hourly.Dimensions))
            {
                conditions.Add(conjunct);
            }
            else
            {
                return RawOnly;
            }
        }

        var dimensions = query.GroupBy.Concat(conditions.SelectMany(ReferencedProperties)).Distinct(StringComparer.Ordinal).ToList();
        var hourly = Narrowest(TimeSpan.FromHours(1), query.Interval, dimensions);
        if (hourly is null)
        {
            return RawOnly;
        }

        // [hourFrom, hourTo) is the span of whole hours inside the range; null ends are unbounded.
        var hourFrom = lower is null ? (DateTimeOffset?)null : hourly.FirstWholeBucketFrom(lower.Value, lower.Exclusive);
        var hourTo = upper is null ? (DateTimeOffset?)null : hourly.Floor(upper.Value);
        if (hourFrom >= hourTo)
        {
            return RawOnly;
        }

        var segments = new List<Segment>();
        if (hourFrom is { } rawBefore)
        {
            segments.Add(new Segment(null, null, rawBefore));
        }

        if (hourTo is { } rawFrom)
        {
            segments.Add(new Segment(null, rawFrom, null));
        }

        var daily = Narrowest(TimeSpan.FromDays(1), query.Interval, dimensions);
        var dayFrom = daily is null || lower is null ? null : (DateTimeOffset?)daily.FirstWholeBucketFrom(lower.Value, lower.Exclusive);
        var dayTo = daily is null || upper is null ? null : (DateTimeOffset?)daily.Floor(upper.Value);
        if (daily is null || dayFrom > dayTo)
        {
            segments.Add(new Segment(hourly, hourFrom, hourTo));
            return new AuditCountsPlan(conditions, segments);
        }

        if (!(dayFrom >= dayTo))
        {
            segments.Add(new Segment(daily, dayFrom, dayTo));
        }

        // The partial day at each edge: its hours inside the range from the hourly rollup, or, when fewer hours lie outside the range,
        // the whole day from the daily rollup minus those hours. Both rollups are exact, so the difference is too.
        if (dayFrom is { } firstDay && hourFrom is { } firstHour && firstHour < firstDay)
        {
            var dayStart = firstDay - daily.Width;
            segments.AddRange(firstDay - firstHour <= firstHour - dayStart
                ? [new Segment(hourly, firstHour, firstDay)]
                : [new Segment(daily, dayStart, firstDay), new Segment(hourly, dayStart, firstHour, Negated: true)]);
        }

        if (dayTo is { } lastDay && hourTo is { } lastHour && lastDay < lastHour)
        {
            var dayEnd = lastDay + daily.Width;
            segments.AddRange(lastHour - lastDay <= dayEnd - lastHour
                ? [new Segment(hourly, lastDay, lastHour)]
                : [new Segment(daily, lastDay, dayEnd), new Segment(hourly, lastHour, dayEnd, Negated: true)]);
        }

        return new AuditCountsPlan(conditions, segments);
    }

    // The rollup of this bucket width with the fewest rows that still keeps every dimension the query groups or filters on.
    private static AuditCountRollup? Narrowest(TimeSpan width, TimeSpan? interval, IReadOnlyList<string> dimensions) =>
        AuditCountRollup.All.FirstOrDefault(rollup => rollup.Width == width && rollup.Serves(interval, dimensions));

    private static IEnumerable<SingleValueNode> Conjuncts(SingleValueNode node) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        ConvertNode { Source: var inner } when inner.TypeReference?.IsBoolean() == true => Conjuncts(inner),
        _ => [node],
    };

    private static TimeBound? TimeBoundOf(SingleValueNode node)
    {
        if (node is not BinaryOperatorNode
            {
                OperatorKind: BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            } comparison)
        {
            return null;
        }

        var op = comparison.OperatorKind;
        var (property, constant) = (Unwrap(comparison.Left), Unwrap(comparison.Right));
        if (property is ConstantNode)
        {
            (property, constant) = (constant, property);
            op = op switch
            {
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                _ => BinaryOperatorKind.GreaterThanOrEqual,
            };
        }

        if (property is not SingleValuePropertyAccessNode { Property.Name: "activityDateTime", Source: ResourceRangeVariableReferenceNode { Name: "$it" } }
            || constant is not ConstantNode { Value: { } value })
        {
            return null;
        }

        DateTimeOffset? when = value switch
        {
            DateTimeOffset time => time.ToUniversalTime(),
            DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
#pragma warning disable CS0618 // ODL 8 still hands out its own Date for date literals (as in FilterSqlTranslator).
            Date date => new DateTimeOffset(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero),
#pragma warning restore CS0618
            _ => null,
        };
        if (when is null)
        {
            return null;
        }

        var isLower = op is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;
        return new TimeBound(when.Value, isLower, Exclusive: op is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.LessThan);
    }

    private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    // True when the expression reads nothing but the entity's own properties among dimensions (no lambdas, no JSON paths).
    private static bool OnlyReferences(QueryNode node, IReadOnlySet<string> dimensions) => node switch
    {
        BinaryOperatorNode binary => OnlyReferences(binary.Left, dimensions) && OnlyReferences(binary.Right, dimensions),
        UnaryOperatorNode unary => OnlyReferences(unary.Operand, dimensions),
        ConvertNode convert => OnlyReferences(convert.Source, dimensions),
        InNode @in => OnlyReferences(@in.Left, dimensions) && @in.Right is CollectionConstantNode,
        SingleValueFunctionCallNode function => function.Parameters.All(p => OnlyReferences(p, dimensions)),
        ConstantNode => true,
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode { Name: "$it" } } property => dimensions.Contains(property.Property.Name),
        _ => false,
    };

    private static IEnumerable<string> ReferencedProperties(QueryNode node) => node switch
    {
        BinaryOperatorNode binary => ReferencedProperties(binary.Left).Concat(ReferencedProperties(binary.Right)),
        UnaryOperatorNode unary => ReferencedProperties(unary.Operand),
        ConvertNode convert => ReferencedProperties(convert.Source),
        InNode @in => ReferencedProperties(@in.Left),
        SingleValueFunctionCallNode function => function.Parameters.SelectMany(ReferencedProperties),
        SingleValuePropertyAccessNode property => [property.Property.Name],
        _ => [],
    };

    /// <summary>
    /// Events with activityDateTime in [<see cref="From"/>, <see cref="To"/>) (null: unbounded), counted from <see cref="Rollup"/>,
    /// or from the raw table with the whole filter when <see cref="Rollup"/> is null. A <see cref="Negated"/> segment's counts are
    /// subtracted: they take the hours outside the range back out of a whole day read from a daily rollup.
    /// </summary>
    public sealed record Segment(AuditCountRollup? Rollup, DateTimeOffset? From, DateTimeOffset? To, bool Negated = false);

    private sealed record TimeBound(DateTimeOffset Value, bool IsLower, bool Exclusive)
    {
        public bool IsTighterLowerThan(TimeBound other) => Value > other.Value || (Value == other.Value && Exclusive);

        public bool IsTighterUpperThan(TimeBound other) => Value < other.Value || (Value == other.Value && Exclusive);
    }
}
