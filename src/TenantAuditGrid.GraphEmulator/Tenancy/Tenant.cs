namespace TenantAuditGrid.GraphEmulator;

/// <summary>One emulated Entra tenant. Mutated only under the <see cref="EmulatorDirectory"/> lock.</summary>
internal sealed class Tenant(Guid id, ulong generationKey, string displayName, string defaultDomain)
{
    public Guid Id { get; } = id;

    /// <summary>Feeds the event generator; fixed for the tenant's life so its events never change.</summary>
    public ulong GenerationKey { get; } = generationKey;

    public string DisplayName { get; set; } = displayName;

    public string DefaultDomain { get; } = defaultDomain;

    public TenantLicence Licence { get; set; }

    public double EventsPerDay { get; set; }

    /// <summary>Service principals by app client id: an app has one here once consent was given.</summary>
    public Dictionary<string, ServicePrincipal> ServicePrincipals { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Retention => TenantLicenceRetention.Of(Licence);

    public TenantInfo ToInfo() => new(
        Id,
        DisplayName,
        DefaultDomain,
        Licence,
        EventsPerDay,
        ServicePrincipals.Select(p => p.Value.ToInfo(p.Key)).OrderBy(g => g.ClientId, StringComparer.Ordinal).ToArray());
}
