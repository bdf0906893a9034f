namespace TenantAuditGrid.Bench.Ingest;

/// <summary>The <c>ingest</c> scenario: audit store write throughput against PostgreSQL and SQLite.</summary>
internal static class IngestScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"])
        {
            Console.Error.WriteLine(IngestOptions.Usage);
            return 0;
        }

        IngestOptions options;
        try
        {
            options = IngestOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var benchmark = new IngestBenchmark(options, TimeProvider.System);
        var report = await benchmark.RunAsync();
        Console.WriteLine(report);
        if (options.AppendTo is { } path)
        {
            await File.AppendAllTextAsync(path, report);
        }

        foreach (var problem in benchmark.Problems)
        {
            Console.Error.WriteLine($"Contract violated: {problem}");
        }

        return benchmark.Problems.Count == 0 ? 0 : 1;
    }
}
