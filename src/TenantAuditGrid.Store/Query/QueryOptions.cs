using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The options of one request, each named at most once and each one the endpoint supports: the one reader of query strings for
/// the Graph collections and the reports. Names compare without case, as Graph's do.
/// </summary>
public sealed class QueryOptions
{
    public const int DefaultTop = 100;
    public const int MaxTop = 999;

    private readonly Dictionary<string, string> values;

    private QueryOptions(Dictionary<string, string> values) => this.values = values;

    /// <summary>The option's value as sent (empty when named without one), or null when absent.</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    /// <param name="pairs">The request's query string pairs, names as sent.</param>
    /// <param name="endpoint">Names the endpoint in messages, as in "on directoryAudits".</param>
    /// <param name="supported">Every option the endpoint answers, in the order messages list them.</param>
    /// <param name="ignored">Options read by someone else, or not options at all (Graph ignores names without '$').</param>
    public static QueryOptions Read(
        IEnumerable<KeyValuePair<string, string?>> pairs, string endpoint, IReadOnlyCollection<string> supported, Func<string, bool> ignored)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(supported);
        ArgumentNullException.ThrowIfNull(ignored);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
        {
            if (ignored(name))
            {
                continue;
            }

            if (!supported.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new QueryValidationException(
                    $"The query option '{CallerText.Quote(name)}' is not supported on {endpoint}. Supported: {string.Join(", ", supported)}.");
            }

            if (!values.TryAdd(name, value ?? string.Empty))
            {
                throw new QueryValidationException($"The query option '{CallerText.Quote(name)}' is specified more than once.");
            }
        }

        return new QueryOptions(values);
    }

    /// <summary><c>$top</c>: 1–999, or null when absent.</summary>
    public int? Top()
    {
        if (this["$top"] is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top is < 1 or > MaxTop)
        {
            throw new QueryValidationException($"Invalid $top '{CallerText.Quote(text)}': it must be an integer from 1 to {MaxTop}.");
        }

        return top;
    }

    /// <summary><c>$count</c>: whether the total was asked for.</summary>
    public bool Count() => this["$count"] switch
    {
        null => false,
        var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw new QueryValidationException($"Invalid $count '{CallerText.Quote(text)}': it must be true or false."),
    };

    /// <summary>
    /// Identifies a query for its <c>$skiptoken</c>s: 16 bytes of SHA-256 over the keyset's name and every option that shapes the
    /// pages, so a token resumes only the query it was cut for.
    /// </summary>
    public static byte[] Fingerprint(string keysetName, params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(keysetName);
        ArgumentNullException.ThrowIfNull(parts);
        IEnumerable<string> fields = parts.Select(part => part ?? "\u0000");
        var text = string.Join('\u001f', keysetName.Length == 0 ? fields : fields.Prepend(keysetName));
        return SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
    }
}
