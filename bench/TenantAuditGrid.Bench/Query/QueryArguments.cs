namespace TenantAuditGrid.Bench.Query;

/// <summary>"--name value" and "--flag" command-line options.</summary>
internal sealed class QueryArguments
{
    private readonly Dictionary<string, string?> values = new(StringComparer.OrdinalIgnoreCase);

    public static QueryArguments Parse(string[] args)
    {
        var parsed = new QueryArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed.values[name] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);
}
