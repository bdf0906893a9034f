namespace TenantAuditGrid.Abstractions;

/// <summary>
/// The clock the product's own components read: grains, the throttle budget, probes. It is a keyed <see cref="TimeProvider"/> rather than
/// the container's default one because Orleans resolves the default for its own timers (membership, activation collection), and a
/// sped-up clock shared with the Graph emulator must speed up sync without speeding up cluster liveness.
/// </summary>
public static class ProductClock
{
    public const string ServiceKey = "TenantAuditGrid.Clock";
}
