namespace TenantAuditGrid.Sync.Tests;

/// <summary>A measurement, not a check of behaviour: runs only when <c>TAG_SYNC_BENCH=1</c>, because it takes minutes of real time.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TAG_SYNC_BENCH") != "1")
        {
            Skip = "Benchmark; set TAG_SYNC_BENCH=1 to run it.";
        }
    }
}
