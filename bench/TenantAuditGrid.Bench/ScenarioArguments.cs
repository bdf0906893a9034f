using System.Globalization;

namespace TenantAuditGrid.Bench;

/// <summary>
/// The options of the sync scenarios: <c>--smoke</c>, <c>--name value</c> pairs, and <c>--append FILE</c> (add the result to a
/// markdown file, normally docs/benchmarks.md). Unknown options are an error, so a typo never silently runs the default size.
/// </summary>
internal sealed class ScenarioArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    private ScenarioArguments(string scenario, string[] args)
    {
        Scenario = scenario;
        Raw = args;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke")
            {
                Smoke = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown or incomplete option '{args[i]}'.");
            }
        }
    }

    public string Scenario { get; }

    public IReadOnlyList<string> Raw { get; }

    public bool Smoke { get; }

    public string? AppendTo => values.GetValueOrDefault("append");

    /// <summary>The PostgreSQL server a scenario creates its database on: <c>--postgres</c>, else TAG_BENCH_POSTGRES.</summary>
    public string? PostgresServer => Text("postgres") ?? Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);

    public const string PostgresEnvironmentVariable = "TAG_BENCH_POSTGRES";

    /// <summary>The command that reproduces this run, for the report.</summary>
    /// <summary>The load average when the scenario parsed its arguments, its first step: the report's "at the start".</summary>
    public string LoadAtStart { get; } = BenchReport.LoadAverage();

    public string Command => $"dotnet run -c Release --project bench/TenantAuditGrid.Bench -- {Scenario} {string.Join(' ', Raw)}".TrimEnd();

    public static ScenarioArguments Parse(string scenario, string[] args) => new(scenario, args);

    public string? Text(string name)
    {
        read.Add(name);
        return values.GetValueOrDefault(name);
    }

    public int Int(string name, int full, int smoke) =>
        Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : Smoke ? smoke : full;

    public double Double(string name, double full, double smoke) =>
        Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : Smoke ? smoke : full;

    /// <summary>Call after reading every option: rejects names nobody asked for.</summary>
    public void RejectUnknown()
    {
        // --append and --postgres are read later, by the report and the database.
        var unknown = values.Keys.Where(k => !read.Contains(k) && k is not ("append" or "postgres")).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
