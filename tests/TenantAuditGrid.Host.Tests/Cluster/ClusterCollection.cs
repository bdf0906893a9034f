namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// The multi-process cluster tests each run three Host processes and a 100-tenant sync: they run one at a time, and not alongside the
/// other test classes of this assembly, so that their bounded waits hold on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Three-silo cluster";
}
