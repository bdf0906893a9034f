namespace TenantAuditGrid.Bench.Ingest;

/// <summary>Command line of <c>ingest</c>; sizes differ between the full run and the seconds-long <c>--smoke</c> run.</summary>
internal sealed record IngestOptions(
    string PostgresConnectionString, string? SqlitePath, bool Smoke, string? AppendTo, IReadOnlyList<string> WithoutIndexes)
{
    public int[] BatchSizes => Smoke ? [100, 1_000] : [100, 1_000, 10_000];

    /// <summary>Events written through the store per batch size.</summary>
    public int EventsPerBatchSize(int batchSize) => Smoke ? 2_000 : batchSize switch { 100 => 20_000, 1_000 => 50_000, _ => 100_000 };

    /// <summary>Events written row by row for the baseline; it is slow, so fewer.</summary>
    public int BaselineEvents => Smoke ? 300 : 5_000;

    public int SqliteEventsPerBatchSize => Smoke ? 1_000 : 20_000;

    public static IngestOptions Parse(IReadOnlyList<string> args)
    {
        string? postgres = Environment.GetEnvironmentVariable(ScenarioArguments.PostgresEnvironmentVariable);
        string? sqlite = null;
        string? appendTo = null;
        var smoke = false;
        var withoutIndexes = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    break;
                case "--postgres" when i + 1 < args.Count:
                    postgres = args[++i];
                    break;
                case "--sqlite" when i + 1 < args.Count:
                    sqlite = args[++i];
                    break;
                case "--without-index" when i + 1 < args.Count:
                    withoutIndexes.Add(args[++i]);
                    break;
                case "--append" when i + 1 < args.Count:
                    appendTo = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. {Usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new ArgumentException($"No PostgreSQL server: pass --postgres \"Host=…;Username=…\" or set {ScenarioArguments.PostgresEnvironmentVariable}. {Usage}");
        }

        return new IngestOptions(postgres, sqlite, smoke, appendTo, withoutIndexes);
    }

    public const string Usage =
        "Usage: dotnet run -c Release --project bench/TenantAuditGrid.Bench -- ingest [--smoke] [--postgres CONNECTION_STRING] [--sqlite FILE] [--append FILE]\n" +
        "       [--without-index NAME]...  drops an audit_events index in the run's database first, to measure what it costs";
}
