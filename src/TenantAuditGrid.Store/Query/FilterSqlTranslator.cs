using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Turns a parsed <c>$filter</c> (Microsoft.OData.Core's semantic tree) into a SQL predicate over the table of a
/// <see cref="AuditCollection"/>: the one place a $filter becomes SQL.
/// Every leaf predicate is two-valued (never SQL NULL), so <c>not</c> matches OData's semantics for missing values.
/// String comparisons (eq, ne, in, startswith) ignore case as Graph's do, except on the keys id and tenantId
/// (<see cref="AuditCollection.ExactStringPaths"/>); both sides go through the database's lower(), which the expression indexes match.
/// Values become parameters; only column names and EDM property names (never caller text) appear in the SQL.
/// </summary>
public sealed class FilterSqlTranslator(SqlDialect dialect, SqlParameters parameters, AuditCollection target)
{
    /// <summary>More values than this in one <c>in</c> list is almost certainly a mistake or an attack.</summary>
    public const int MaxInValues = 200;

    private readonly Dictionary<string, string> lambdaAliases = new(StringComparer.Ordinal);
    private int aliasCount;

    /// <summary>Translates a filter's expression, or one boolean sub-expression of it (for example one conjunct of an <c>and</c>).</summary>
    public string Translate(SingleValueNode expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Predicate(expression);
    }

    private string Predicate(SingleValueNode node) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => $"({Predicate(and.Left)} AND {Predicate(and.Right)})",
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => $"({Predicate(or.Left)} OR {Predicate(or.Right)})",
        BinaryOperatorNode comparison => Comparison(comparison),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => $"(NOT {Predicate(not.Operand)})",
        SingleValueFunctionCallNode function => Function(function),
        InNode @in => In(@in),
        AnyNode any => Lambda(any.Source, any.CurrentRangeVariable, any.Body, all: false),
        AllNode all => Lambda(all.Source, all.CurrentRangeVariable, all.Body, all: true),
        ConstantNode { Value: bool value } => value ? "TRUE" : "FALSE",
        ConvertNode { Source: var inner } when inner.TypeReference?.IsBoolean() == true => Predicate(inner),
        _ => throw Unsupported(node),
    };

    private string Comparison(BinaryOperatorNode node)
    {
        var op = node.OperatorKind;
        if (!IsComparison(op))
        {
            throw new QueryValidationException($"The operator '{OperatorName(op)}' is not supported in $filter.");
        }

        SingleValueNode propertyNode = node.Left, constantNode = node.Right;
        if (IsConstant(node.Left) && !IsConstant(node.Right))
        {
            (propertyNode, constantNode) = (node.Right, node.Left);
            op = Flip(op);
        }

        var operand = Operand(propertyNode);
        var value = Constant(constantNode, operand);
        if (value is null)
        {
            return op switch
            {
                BinaryOperatorKind.Equal => operand.Nullable ? $"({operand.Sql} IS NULL)" : "FALSE",
                BinaryOperatorKind.NotEqual => operand.Nullable ? $"({operand.Sql} IS NOT NULL)" : "TRUE",
                _ => "FALSE",
            };
        }

        if (operand.Kind == OperandKind.Text && op is not (BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual))
        {
            throw new QueryValidationException(
                $"The operator '{OperatorName(op)}' is not supported on '{operand.Path}'; use eq, ne, in or startswith.");
        }

        var parameter = parameters.Add(value is DateTimeOffset when ? dialect.DateTimeParameter(when) : value);
        var sqlOperator = op switch
        {
            BinaryOperatorKind.Equal => "=",
            BinaryOperatorKind.NotEqual => "<>",
            BinaryOperatorKind.GreaterThan => ">",
            BinaryOperatorKind.GreaterThanOrEqual => ">=",
            BinaryOperatorKind.LessThan => "<",
            _ => "<=",
        };
        var comparison = operand.CaseInsensitive
            ? $"lower({operand.Sql}) {sqlOperator} lower({parameter})"
            : $"{operand.Sql} {sqlOperator} {parameter}";
        if (!operand.Nullable)
        {
            return comparison;
        }

        return op == BinaryOperatorKind.NotEqual
            ? $"({operand.Sql} IS NULL OR {comparison})"
            : $"({operand.Sql} IS NOT NULL AND {comparison})";
    }

    private string Function(SingleValueFunctionCallNode node)
    {
        if (!string.Equals(node.Name, "startswith", StringComparison.OrdinalIgnoreCase))
        {
            throw new QueryValidationException($"The function '{node.Name}' is not supported in $filter; only startswith is.");
        }

        var arguments = node.Parameters.ToList();
        if (arguments.Count != 2 || arguments[0] is not SingleValueNode first || arguments[1] is not SingleValueNode second || !IsConstant(second))
        {
            throw new QueryValidationException("startswith takes a property and a string literal, as in startswith(activityDisplayName, 'Add').");
        }

        var operand = Operand(first);
        if (operand.Kind != OperandKind.Text)
        {
            throw new QueryValidationException($"startswith is not supported on '{operand.Path}', which is not a string.");
        }

        if (Constant(second, operand) is not string prefix)
        {
            return "FALSE";
        }

        var test = dialect.StartsWith(operand.Sql, prefix, parameters, operand.CaseInsensitive);
        return operand.Nullable ? $"({operand.Sql} IS NOT NULL AND {test})" : $"({test})";
    }

    private string In(InNode node)
    {
        if (node.Right is not CollectionConstantNode list)
        {
            throw new QueryValidationException("The right side of 'in' must be a list of literals, as in category in ('UserManagement', 'RoleManagement').");
        }

        if (list.Collection.Count > MaxInValues)
        {
            throw new QueryValidationException($"An 'in' list may hold at most {MaxInValues} values.");
        }

        var operand = Operand(node.Left);
        var values = list.Collection.Select(item => Constant(item, operand)).ToList();
        var placeholders = values.OfType<object>().Select(parameters.Add)
            .Select(placeholder => operand.CaseInsensitive ? $"lower({placeholder})" : placeholder).ToList();
        var containsNull = values.Any(v => v is null);
        var subject = operand.CaseInsensitive ? $"lower({operand.Sql})" : operand.Sql;
        var membership = placeholders.Count == 0 ? "FALSE" : $"{subject} IN ({string.Join(", ", placeholders)})";
        if (!operand.Nullable)
        {
            return $"({membership})";
        }

        return containsNull
            ? $"({operand.Sql} IS NULL OR {membership})"
            : $"({operand.Sql} IS NOT NULL AND {membership})";
    }

    private string Lambda(CollectionNode source, RangeVariable? variable, SingleValueNode body, bool all)
    {
        var (owner, path) = CollectionPath(source);
        var array = dialect.JsonValue(owner, path);
        var alias = "l" + aliasCount++.ToString(CultureInfo.InvariantCulture);
        var (fromItem, guard) = dialect.JsonArrayElements(array, alias);

        string condition;
        if (variable is null)
        {
            condition = "TRUE";
        }
        else
        {
            lambdaAliases[variable.Name] = alias;
            try
            {
                condition = Predicate(body);
            }
            finally
            {
                lambdaAliases.Remove(variable.Name);
            }
        }

        if (!all && variable is not null && ContainmentHint(source, variable, body) is { } hint)
        {
            return $"({hint} AND EXISTS (SELECT 1 FROM {fromItem} WHERE {guard} AND ({condition})))";
        }

        return all
            ? $"(NOT EXISTS (SELECT 1 FROM {fromItem} WHERE {guard} AND NOT ({condition})))"
            : $"(EXISTS (SELECT 1 FROM {fromItem} WHERE {guard} AND ({condition})))";
    }

    // targetResources/any(t: t/id eq 'x') on the entity itself: the dialect may add an index-friendly containment test.
    // It is implied by the EXISTS (case-insensitive equality of one property), so adding it never changes the result.
    private string? ContainmentHint(CollectionNode source, RangeVariable variable, SingleValueNode body)
    {
        if (source is not CollectionComplexNode { Source: ResourceRangeVariableReferenceNode { Name: "$it" } } collection
            || !target.IndexedArrayCollections.Contains(collection.Property.Name)
            || body is not BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal)
        {
            return null;
        }

        var (propertyNode, constantNode) = IsConstant(equal.Right) ? (equal.Left, equal.Right) : (equal.Right, equal.Left);
        if (propertyNode is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode reference } property
            || reference.Name != variable.Name
            || !property.Property.Type.IsString()
            || constantNode is not ConstantNode { Value: string value })
        {
            return null;
        }

        return dialect.ArrayContainsHint(collection.Property.Name, property.Property.Name, value, parameters);
    }

    private (string Owner, IReadOnlyList<string> Path) CollectionPath(CollectionNode source)
    {
        var (variable, path) = source switch
        {
            CollectionComplexNode complex => PathFrom(complex.Source, complex.Property.Name),
            CollectionPropertyAccessNode primitive => PathFrom(primitive.Source, primitive.Property.Name),
            _ => throw Unsupported(source),
        };
        return (JsonOwner(variable), path);
    }

    private OperandInfo Operand(SingleValueNode node)
    {
        switch (node)
        {
            case ConvertNode convert:
                return Operand(convert.Source);
            case SingleValueOpenPropertyAccessNode open:
                throw new QueryValidationException($"Could not find a property named '{CallerText.Quote(open.Name)}' on type '{target.TypeName}'.");
            case SingleValuePropertyAccessNode property:
                {
                    var (variable, path) = PathFrom(property.Source, property.Property.Name);
                    var displayPath = string.Join('/', path);
                    var kind = KindOf(property.Property.Type, displayPath);
                    var caseInsensitive = kind == OperandKind.Text && !(variable is null && AuditCollection.ExactStringPaths.Contains(displayPath));
                    if (variable is null && target.ColumnsByPath.TryGetValue(displayPath, out var column))
                    {
                        return new OperandInfo(column.Name, column.Nullable, kind, displayPath, caseInsensitive);
                    }

                    if (kind == OperandKind.DateTime)
                    {
                        throw new QueryValidationException($"Filtering on '{displayPath}' is not supported.");
                    }

                    return new OperandInfo(dialect.JsonText(JsonOwner(variable), path), Nullable: true, kind, displayPath, caseInsensitive);
                }

            default:
                throw IsConstant(node)
                    ? new QueryValidationException("A comparison needs a property on one side, as in category eq 'RoleManagement'.")
                    : Unsupported(node);
        }
    }

    /// <summary>Walks from a property up to its range variable: null for the entity itself ($it), else the lambda variable.</summary>
    private static (string? Variable, List<string> Path) PathFrom(SingleValueNode? source, string leaf)
    {
        var path = new List<string> { leaf };
        var current = source;
        while (true)
        {
            switch (current)
            {
                case SingleComplexNode complex:
                    path.Insert(0, complex.Property.Name);
                    current = complex.Source;
                    break;
                case ResourceRangeVariableReferenceNode reference:
                    return (reference.Name == "$it" ? null : reference.Name, path);
                default:
                    throw current is null
                        ? new QueryValidationException("The $filter refers to a property without a source.")
                        : Unsupported(current);
            }
        }
    }

    private string JsonOwner(string? variable)
    {
        if (variable is null)
        {
            return target.PayloadColumn;
        }

        return lambdaAliases.TryGetValue(variable, out var alias)
            ? dialect.ElementJson(alias)
            : throw new QueryValidationException($"The lambda variable '{variable}' is not in scope.");
    }

    private static OperandKind KindOf(IEdmTypeReference type, string path)
    {
        if (type.IsDateTimeOffset())
        {
            return OperandKind.DateTime;
        }

        if (type.IsString() || type.IsEnum())
        {
            return OperandKind.Text;
        }

        throw new QueryValidationException($"Filtering on '{path}' (type {type.FullName()}) is not supported.");
    }

    private static object? Constant(SingleValueNode node, OperandInfo operand)
    {
        var raw = node switch
        {
            ConstantNode constant => constant.Value,
            ConvertNode { Source: ConstantNode constant } => constant.Value,
            _ => throw new QueryValidationException($"Only literal values can be compared with '{operand.Path}'."),
        };

        return (operand.Kind, raw) switch
        {
            (_, null) => null,
            (OperandKind.DateTime, DateTimeOffset value) => value.ToUniversalTime(),
            (OperandKind.DateTime, DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
#pragma warning disable CS0618 // ODL 8 still hands out its own Date for date literals; ODL 9 switches to DateOnly (handled above).
            (OperandKind.DateTime, Date date) => new DateTimeOffset(date.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero),
#pragma warning restore CS0618
            (OperandKind.Text, string text) when operand.Path == "tenantId" => TenantIds.Normalize(text),
            (OperandKind.Text, string text) => text,
            (OperandKind.Text, ODataEnumValue enumValue) => EnumMember(enumValue, node),
            _ => throw new QueryValidationException(
                $"The literal {Describe(raw)} cannot be compared with '{operand.Path}', which is {(operand.Kind == OperandKind.DateTime ? "a DateTimeOffset" : "a string")}."),
        };
    }

    private static string EnumMember(ODataEnumValue value, SingleValueNode node)
    {
        if (!long.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return value.Value;
        }

        var enumType = node.TypeReference?.Definition as IEdmEnumType;
        var member = enumType?.Members.FirstOrDefault(m => m.Value.Value == number);
        return member?.Name ?? throw new QueryValidationException($"'{value.Value}' is not a member of {value.TypeName}.");
    }

    private static string Describe(object value) => value switch
    {
        string s => $"'{CallerText.Quote(s)}'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };

    private static bool IsConstant(SingleValueNode node) =>
        node is ConstantNode or ConvertNode { Source: ConstantNode };

    private static bool IsComparison(BinaryOperatorKind op) => op is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual
        or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual;

    private static BinaryOperatorKind Flip(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => op,
    };

    private static string OperatorName(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equal => "eq",
        BinaryOperatorKind.NotEqual => "ne",
        BinaryOperatorKind.GreaterThan => "gt",
        BinaryOperatorKind.GreaterThanOrEqual => "ge",
        BinaryOperatorKind.LessThan => "lt",
        BinaryOperatorKind.LessThanOrEqual => "le",
        BinaryOperatorKind.Add => "add",
        BinaryOperatorKind.Subtract => "sub",
        BinaryOperatorKind.Multiply => "mul",
        BinaryOperatorKind.Divide => "div",
        BinaryOperatorKind.Modulo => "mod",
        BinaryOperatorKind.Has => "has",
        _ => op.ToString().ToLowerInvariant(),
    };

    private static QueryValidationException Unsupported(QueryNode node) =>
        new($"This $filter expression ({node.Kind}) is not supported. Supported: eq, ne, gt, ge, lt, le, and, or, not, in, startswith, and any/all lambdas on collections such as targetResources.");

    private enum OperandKind
    {
        Text,
        DateTime,
    }

    private sealed record OperandInfo(string Sql, bool Nullable, OperandKind Kind, string Path, bool CaseInsensitive);
}
