using System.Collections;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Evaluates an OData semantic tree (produced by Microsoft.OData.Core, never by hand) over an in-memory directoryAudit.
/// Strings compare case-insensitively, as Entra's directory queries do.
/// </summary>
internal static class FilterEvaluator
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal) { "startswith", "endswith", "contains", "tolower", "toupper" };

    public static bool Matches(SingleValueNode expression, AuditEvent e) => Evaluate(expression, new Scope(e, null, null)) is true;

    public static bool IsActivityDateTime(QueryNode node) =>
        Unwrap(node) is SingleValuePropertyAccessNode { Property.Name: "activityDateTime", Source: ResourceRangeVariableReferenceNode { Name: "$it" } };

    /// <summary>Rejects what the evaluator cannot do before any event is read, so a bad query is a 400 and never a 500.</summary>
    public static void EnsureSupported(QueryNode node)
    {
        switch (node)
        {
            case ConstantNode or ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode:
                return;
            case ConvertNode convert:
                EnsureSupported(convert.Source);
                return;
            case BinaryOperatorNode binary when binary.OperatorKind is not (BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo or BinaryOperatorKind.Has):
                EnsureSupported(binary.Left);
                EnsureSupported(binary.Right);
                return;
            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } unary:
                EnsureSupported(unary.Operand);
                return;
            case SingleValuePropertyAccessNode property:
                EnsureSupported(property.Source);
                return;
            case SingleComplexNode complex:
                EnsureSupported(complex.Source);
                return;
            case CollectionComplexNode collection:
                EnsureSupported(collection.Source);
                return;
            case LambdaNode lambda:
                EnsureSupported(lambda.Source);
                EnsureSupported(lambda.Body);
                return;
            case SingleValueFunctionCallNode call when Functions.Contains(call.Name):
                foreach (var parameter in call.Parameters)
                {
                    EnsureSupported(parameter);
                }

                return;
            case InNode inNode when inNode.Right is CollectionConstantNode:
                EnsureSupported(inNode.Left);
                return;
            default:
                throw new GraphQueryException("Request_UnsupportedQuery", $"Unsupported query: the filter uses {Describe(node)}, which directoryAudits does not support.");
        }
    }

    /// <summary>The activityDateTime range a filter implies through top-level 'and's; the predicate still decides exactly.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) TimeBounds(SingleValueNode node)
    {
        if (Unwrap(node) is not BinaryOperatorNode binary)
        {
            return (null, null);
        }

        if (binary.OperatorKind == BinaryOperatorKind.And)
        {
            var (leftFrom, leftTo) = TimeBounds(binary.Left);
            var (rightFrom, rightTo) = TimeBounds(binary.Right);
            return (Later(leftFrom, rightFrom), Earlier(leftTo, rightTo));
        }

        var kind = binary.OperatorKind;
        SingleValueNode property = binary.Left;
        SingleValueNode constant = binary.Right;
        if (Unwrap(binary.Right) is SingleValuePropertyAccessNode)
        {
            (property, constant) = (binary.Right, binary.Left);
            kind = kind switch
            {
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                _ => kind,
            };
        }

        if (!IsActivityDateTime(property) || Unwrap(constant) is not ConstantNode c || Normalize(c.Value) is not DateTimeOffset value)
        {
            return (null, null);
        }

        return kind switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => (value, null),
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => (null, value),
            BinaryOperatorKind.Equal => (value, value),
            _ => (null, null),
        };
    }

    private static object? Evaluate(QueryNode node, Scope scope)
    {
        switch (node)
        {
            case ConstantNode constant:
                return Normalize(constant.Value);
            case ConvertNode convert:
                return Evaluate(convert.Source, scope);
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
                return Evaluate(and.Left, scope) is true && Evaluate(and.Right, scope) is true;
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or:
                return Evaluate(or.Left, scope) is true || Evaluate(or.Right, scope) is true;
            case BinaryOperatorNode binary:
                return Compare(Evaluate(binary.Left, scope), Evaluate(binary.Right, scope), binary.OperatorKind);
            case UnaryOperatorNode unary:
                return Evaluate(unary.Operand, scope) is not true;
            case SingleValuePropertyAccessNode property:
                return Property(Evaluate(property.Source, scope), property.Property.Name);
            case SingleComplexNode complex:
                return Property(Evaluate(complex.Source, scope), complex.Property.Name);
            case CollectionComplexNode collection:
                return Property(Evaluate(collection.Source, scope), collection.Property.Name);
            case ResourceRangeVariableReferenceNode variable:
                return scope.Resolve(variable.Name);
            case NonResourceRangeVariableReferenceNode variable:
                return scope.Resolve(variable.Name);
            case AnyNode any:
                return Items(Evaluate(any.Source, scope)).Any(item => Evaluate(any.Body, scope.With(any.CurrentRangeVariable.Name, item)) is true);
            case AllNode all:
                return Items(Evaluate(all.Source, scope)).All(item => Evaluate(all.Body, scope.With(all.CurrentRangeVariable.Name, item)) is true);
            case SingleValueFunctionCallNode call:
                return Call(call.Name, call.Parameters.Select(p => Evaluate(p, scope)).ToArray());
            case InNode inNode:
                var left = Evaluate(inNode.Left, scope);
                return ((CollectionConstantNode)inNode.Right).Collection.Any(c => Compare(left, Normalize(c.Value), BinaryOperatorKind.Equal) is true);
            default:
                throw new GraphQueryException("Request_UnsupportedQuery", $"Unsupported query: {Describe(node)}.");
        }
    }

    private static object? Call(string name, object?[] args) => name switch
    {
        "startswith" => args[0] is string s && args[1] is string p && s.StartsWith(p, StringComparison.OrdinalIgnoreCase),
        "endswith" => args[0] is string s && args[1] is string p && s.EndsWith(p, StringComparison.OrdinalIgnoreCase),
        "contains" => args[0] is string s && args[1] is string p && s.Contains(p, StringComparison.OrdinalIgnoreCase),
        "tolower" => (args[0] as string)?.ToLowerInvariant(),
        "toupper" => (args[0] as string)?.ToUpperInvariant(),
        _ => throw new GraphQueryException("Request_UnsupportedQuery", $"Unsupported function {name}."),
    };

    private static bool Compare(object? left, object? right, BinaryOperatorKind kind)
    {
        if (kind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual)
        {
            var equal = (left, right) switch
            {
                (null, null) => true,
                (null, _) or (_, null) => false,
                (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
                _ => left.Equals(right),
            };
            return kind == BinaryOperatorKind.Equal ? equal : !equal;
        }

        if (left is null || right is null)
        {
            return false;
        }

        var order = (left, right) switch
        {
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (IComparable a, _) when a.GetType() == right.GetType() => a.CompareTo(right),
            _ => throw new GraphQueryException("BadRequest", "Invalid filter clause: the operands cannot be compared."),
        };
        return kind switch
        {
            BinaryOperatorKind.GreaterThan => order > 0,
            BinaryOperatorKind.GreaterThanOrEqual => order >= 0,
            BinaryOperatorKind.LessThan => order < 0,
            BinaryOperatorKind.LessThanOrEqual => order <= 0,
            _ => throw new GraphQueryException("Request_UnsupportedQuery", $"Unsupported operator {kind}."),
        };
    }

    private static object? Property(object? instance, string name) => instance switch
    {
        null => null,
        AuditEvent e => name switch
        {
            "id" => e.Id,
            "activityDateTime" => e.ActivityDateTime,
            "activityDisplayName" => e.ActivityDisplayName,
            "category" => e.Category,
            "correlationId" => e.CorrelationId,
            "loggedByService" => e.LoggedByService,
            "operationType" => e.OperationType,
            "result" => e.Result,
            "resultReason" => e.ResultReason,
            "initiatedBy" => e.InitiatedBy,
            "targetResources" => e.TargetResources,
            "additionalDetails" => e.AdditionalDetails,
            _ => null,
        },
        AuditInitiator i => name switch { "app" => i.App, "user" => i.User, _ => null },
        AuditAppIdentity a => name switch
        {
            "appId" => a.AppId,
            "displayName" => a.DisplayName,
            "servicePrincipalId" => a.ServicePrincipalId,
            "servicePrincipalName" => a.ServicePrincipalName,
            _ => null,
        },
        AuditUserIdentity u => name switch
        {
            "id" => u.Id,
            "displayName" => u.DisplayName,
            "userPrincipalName" => u.UserPrincipalName,
            "ipAddress" => u.IpAddress,
            "userType" => u.UserType,
            "homeTenantId" => u.HomeTenantId,
            "homeTenantName" => u.HomeTenantName,
            _ => null,
        },
        AuditTargetResource t => name switch
        {
            "id" => t.Id,
            "displayName" => t.DisplayName,
            "type" => t.Type,
            "userPrincipalName" => t.UserPrincipalName,
            "groupType" => t.GroupType,
            "modifiedProperties" => t.ModifiedProperties,
            _ => null,
        },
        AuditModifiedProperty m => name switch { "displayName" => m.DisplayName, "oldValue" => m.OldValue, "newValue" => m.NewValue, _ => null },
        AuditKeyValue kv => name switch { "key" => kv.Key, "value" => kv.Value, _ => null },
        _ => null,
    };

    private static IEnumerable<object?> Items(object? collection) => collection is IEnumerable items and not string ? items.Cast<object?>() : [];

    // ODL 8 still hands out Microsoft.OData.Edm.Date for date literals (activityDateTime le 2018-01-24); ODL 9 will use DateOnly.
#pragma warning disable CS0618
    private static object? Normalize(object? value) => value switch
    {
        ODataEnumValue enumValue => EnumMemberName(enumValue),
        Microsoft.OData.Edm.Date date => new DateTimeOffset(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero),
        DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        Guid guid => guid.ToString(),
        _ => value,
    };
#pragma warning restore CS0618

    /// <summary>The resolver may hand over an enum constant by its numeric value; events store member names.</summary>
    private static string EnumMemberName(ODataEnumValue value) =>
        long.TryParse(value.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && GraphSchema.Model.FindDeclaredType(value.TypeName) is Microsoft.OData.Edm.IEdmEnumType enumType
        && enumType.Members.FirstOrDefault(m => m.Value.Value == number) is { } member
            ? member.Name
            : value.Value;

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Describe(QueryNode node) => node switch
    {
        BinaryOperatorNode b => $"the operator {b.OperatorKind}",
        UnaryOperatorNode u => $"the operator {u.OperatorKind}",
        SingleValueFunctionCallNode f => $"the function {f.Name}",
        _ => node.Kind.ToString(),
    };

    private sealed record Scope(AuditEvent It, string? Name, object? Value, Scope? Outer = null)
    {
        public object? Resolve(string name) => name == "$it" ? It : name == Name ? Value : Outer?.Resolve(name);

        public Scope With(string name, object? value) => new(It, name, value, this);
    }
}
