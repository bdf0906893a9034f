using TenantAuditGrid.Bench;

if (args.Length == 0 || args[0] != "ingest")
{
    Console.Error.WriteLine(IngestOptions.Usage);
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

var report = await new IngestBenchmark(options, TimeProvider.System).RunAsync();
Console.WriteLine(report);
if (options.MarkdownOut is { } path)
{
    await File.WriteAllTextAsync(path, report);
}

return 0;
