namespace TenantAuditGrid.Bench.Ingest;

/// <summary>One measured line: how many events one method wrote in how long, at one batch size.</summary>
internal sealed record IngestResult(
    string Store, string Method, int BatchSize, int Events, int NewEvents, TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan ServerCpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Events per second of CPU spent by the client and the PostgreSQL backend together (SQLite runs in-process).</summary>
    public double EventsPerCpuSecond => Events / (ClientCpu + ServerCpu).TotalSeconds;
}
