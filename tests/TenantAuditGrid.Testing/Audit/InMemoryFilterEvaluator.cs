using System.Globalization;
using System.Text.Json;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>
/// An independent reading of OData $filter semantics, evaluated in C# over the Graph JSON of each event: the oracle
/// the SQL translation is compared with. It shares only Microsoft.OData.Core's parse tree with the code under test.
/// Semantics: a missing or null value equals only null; ne is the negation of eq; ordering comparisons and startswith
/// with null are false; any() over a missing collection is false, all() true; strings compare ignoring case (Graph's rule), except
/// the entity's id, which compares ordinally; tenant ids ignore case.
/// </summary>
public static class InMemoryFilterEvaluator
{
    public static bool Matches(FilterClause? filter, GeneratedEvent e)
    {
        if (filter is null)
        {
            return true;
        }

        var scope = new Dictionary<string, JsonElement> { ["$it"] = e.Json };
        return Truth(filter.Expression, scope, e.TenantId);
    }

    private static bool Truth(SingleValueNode node, Dictionary<string, JsonElement> scope, string tenantId) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } b => Truth(b.Left, scope, tenantId) && Truth(b.Right, scope, tenantId),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } b => Truth(b.Left, scope, tenantId) || Truth(b.Right, scope, tenantId),
        BinaryOperatorNode b => Compare(b.OperatorKind, Value(b.Left, scope, tenantId), Value(b.Right, scope, tenantId)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } u => !Truth(u.Operand, scope, tenantId),
        SingleValueFunctionCallNode { Name: "startswith" } f => StartsWith(f, scope, tenantId),
        InNode i => ((CollectionConstantNode)i.Right).Collection.Any(c => Equal(Value(i.Left, scope, tenantId), Literal(c.Value))),
        AnyNode a => Elements(a.Source, scope, tenantId).Any(el => a.CurrentRangeVariable is null || Truth(a.Body, With(scope, a.CurrentRangeVariable.Name, el), tenantId)),
        AllNode a => Elements(a.Source, scope, tenantId).All(el => Truth(a.Body, With(scope, a.CurrentRangeVariable.Name, el), tenantId)),
        ConstantNode { Value: bool b } => b,
        ConvertNode c => Truth(c.Source, scope, tenantId),
        _ => throw new NotSupportedException(node.Kind.ToString()),
    };

    private static bool StartsWith(SingleValueFunctionCallNode f, Dictionary<string, JsonElement> scope, string tenantId)
    {
        var args = f.Parameters.Cast<SingleValueNode>().ToList();
        var prefix = Value(args[1], scope, tenantId) as string;
        return Value(args[0], scope, tenantId) switch
        {
            ExactValue exact => prefix is not null && exact.Value.StartsWith(prefix, StringComparison.Ordinal),
            string s => prefix is not null && s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static bool Compare(BinaryOperatorKind op, object? left, object? right)
    {
        if (op == BinaryOperatorKind.Equal)
        {
            return Equal(left, right);
        }

        if (op == BinaryOperatorKind.NotEqual)
        {
            return !Equal(left, right);
        }

        if (left is null || right is null)
        {
            return false;
        }

        var order = left is DateTimeOffset l && right is DateTimeOffset r
            ? l.CompareTo(r)
            : throw new NotSupportedException("ordering on strings");
        return op switch
        {
            BinaryOperatorKind.GreaterThan => order > 0,
            BinaryOperatorKind.GreaterThanOrEqual => order >= 0,
            BinaryOperatorKind.LessThan => order < 0,
            BinaryOperatorKind.LessThanOrEqual => order <= 0,
            _ => throw new NotSupportedException(op.ToString()),
        };
    }

    private static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (TenantIdValue a, string b) => string.Equals(a.Value, b, StringComparison.OrdinalIgnoreCase),
        (string a, TenantIdValue b) => string.Equals(a, b.Value, StringComparison.OrdinalIgnoreCase),
        (ExactValue a, string b) => string.Equals(a.Value, b, StringComparison.Ordinal),
        (string a, ExactValue b) => string.Equals(a, b.Value, StringComparison.Ordinal),
        (DateTimeOffset a, DateTimeOffset b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static object? Value(SingleValueNode node, Dictionary<string, JsonElement> scope, string tenantId)
    {
        switch (node)
        {
            case ConstantNode { Value: ODataEnumValue enumValue } c:
                return EnumName(enumValue, c.TypeReference);
            case ConstantNode c:
                return Literal(c.Value);
            case ConvertNode c:
                return Value(c.Source, scope, tenantId);
            case SingleValuePropertyAccessNode p when p.Property.Name == "tenantId" && p.Source is ResourceRangeVariableReferenceNode { Name: "$it" }:
                return new TenantIdValue(tenantId);
            case SingleValuePropertyAccessNode p:
                var owner = Resource(p.Source, scope, tenantId);
                if (owner is not { ValueKind: JsonValueKind.Object } obj || !obj.TryGetProperty(p.Property.Name, out var value))
                {
                    return null;
                }

                return value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String when p.Property.Name == "id" && p.Source is ResourceRangeVariableReferenceNode { Name: "$it" } => new ExactValue(value.GetString()!),
                    JsonValueKind.String when p.Property.Type.IsDateTimeOffset() =>
                        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                };
            default:
                throw new NotSupportedException(node.Kind.ToString());
        }
    }

    // The parser may hand out an enum literal by its numeric value; events hold member names.
    private static string EnumName(ODataEnumValue value, IEdmTypeReference? type) =>
        long.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && type?.Definition is IEdmEnumType enumType
            ? enumType.Members.Single(m => m.Value.Value == number).Name
            : value.Value;

    private static object? Literal(object? value) => value switch
    {
        null => null,
        string s => s,
        ODataEnumValue e => e.Value,
        DateTimeOffset d => d,
#pragma warning disable CS0618 // ODL 8 date literals
        Microsoft.OData.Edm.Date d => new DateTimeOffset(d.Year, d.Month, d.Day, 0, 0, 0, TimeSpan.Zero),
#pragma warning restore CS0618
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private static JsonElement? Resource(SingleValueNode node, Dictionary<string, JsonElement> scope, string tenantId) => node switch
    {
        ResourceRangeVariableReferenceNode r => scope[r.Name],
        SingleComplexNode c => Resource(c.Source, scope, tenantId) is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(c.Property.Name, out var v) ? v : null,
        _ => throw new NotSupportedException(node.Kind.ToString()),
    };

    private static IEnumerable<JsonElement> Elements(CollectionNode node, Dictionary<string, JsonElement> scope, string tenantId)
    {
        var (source, name) = node switch
        {
            CollectionComplexNode c => (c.Source, c.Property.Name),
            CollectionPropertyAccessNode p => (p.Source, p.Property.Name),
            _ => throw new NotSupportedException(node.Kind.ToString()),
        };
        return Resource(source, scope, tenantId) is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().ToList()
            : [];
    }

    private static Dictionary<string, JsonElement> With(Dictionary<string, JsonElement> scope, string name, JsonElement element) =>
        new(scope) { [name] = element };

    private sealed record TenantIdValue(string Value);

    private sealed record ExactValue(string Value);
}
