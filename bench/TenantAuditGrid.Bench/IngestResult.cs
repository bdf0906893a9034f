namespace TenantAuditGrid.Bench;

/// <summary>One measured line: how many events one method wrote in how long, at one batch size.</summary>
internal sealed record IngestResult(string Store, string Method, int BatchSize, int Events, int NewEvents, TimeSpan Elapsed)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
