namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The values of one statement. Every caller-supplied value goes through <see cref="Add"/> and appears in the SQL text
/// only as its placeholder name; nothing else may put a value into SQL.
/// </summary>
public sealed class SqlParameters
{
    private readonly List<KeyValuePair<string, object>> values = [];

    public IReadOnlyList<KeyValuePair<string, object>> Values => values;

    /// <summary>Adds a value and answers the placeholder to write into the SQL text.</summary>
    public string Add(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = "@p" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values.Add(new(name, value));
        return name;
    }
}
