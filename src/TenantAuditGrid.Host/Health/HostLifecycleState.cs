namespace TenantAuditGrid.Host.Health;

/// <summary>
/// What the probes report. Started flips once every hosted service is up: the schema step ran and the silo joined its cluster
/// (the silo's start completes only after it is Active in membership). Draining flips the moment shutdown begins, before the silo leaves,
/// so load balancers stop routing to a silo that is on its way out.
/// </summary>
public sealed class HostLifecycleState
{
    private volatile bool started;
    private volatile bool draining;

    public bool Started => started;

    public bool Draining => draining;

    public void MarkStarted() => started = true;

    public void MarkDraining() => draining = true;
}
