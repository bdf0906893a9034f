using TenantAuditGrid.Bench;
using TenantAuditGrid.Bench.Query;

if (args.Length > 0 && args[0] == "query")
{
    return await QueryScenario.RunAsync(args[1..]);
}

if (args.Length == 0 || args[0] != "ingest")
{
    Console.Error.WriteLine(IngestOptions.Usage);
    Console.Error.WriteLine(QueryScenario.Usage);
    return 2;
}

IngestOptions options;
try
{
    options = IngestOptions.Parse(args[1..]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var benchmark = new IngestBenchmark(options, TimeProvider.System);
var report = await benchmark.RunAsync();
Console.WriteLine(report);
if (options.MarkdownOut is { } path)
{
    await File.WriteAllTextAsync(path, report);
}

foreach (var problem in benchmark.Problems)
{
    Console.Error.WriteLine($"Contract violated: {problem}");
}

return benchmark.Problems.Count == 0 ? 0 : 1;
