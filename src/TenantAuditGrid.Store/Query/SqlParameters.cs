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
        if (value is string text)
        {
            RequireStorable(text);
        }

        var name = "@p" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values.Add(new(name, value));
        return name;
    }

    // PostgreSQL text cannot hold NUL and Npgsql refuses unpaired surrogates; either would surface as a server error
    // long after parsing, so such values are the caller's mistake and are rejected here, for both databases alike.
    private static void RequireStorable(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new QueryValidationException("A value in the query contains a NUL character.");
        }

        try
        {
            _ = StrictUtf8.GetByteCount(text);
        }
        catch (System.Text.EncoderFallbackException)
        {
            throw new QueryValidationException("A value in the query is not valid Unicode text.");
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
