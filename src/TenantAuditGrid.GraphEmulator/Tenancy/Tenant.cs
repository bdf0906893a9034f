namespace TenantAuditGrid.GraphEmulator;

/// <summary>One emulated Entra tenant. Mutated only under the <see cref="EmulatorDirectory"/> lock.</summary>
internal sealed class Tenant(Guid id, ulong generationKey, string displayName, string defaultDomain)
{
    public Guid Id { get; } = id;

    /// <summary>Feeds the event generator; fixed for the tenant's life so its events never change.</summary>
    public ulong GenerationKey { get; } = generationKey;

    public string DisplayName { get; set; } = displayName;

    public string DefaultDomain { get; } = defaultDomain;

    public TenantLicence Licence
    {
        get;
        set
        {
            // A premium subscription that ends stays listed, suspended, as Graph lists it until it is deleted.
            if (value != TenantLicence.Free)
            {
                LapsedLicence = null;
            }
            else if (field != TenantLicence.Free)
            {
                LapsedLicence = field;
            }

            field = value;
        }
    }

    /// <summary>The premium licence this tenant had before it was downgraded to Free; null when it never had one or has one now.</summary>
    public TenantLicence? LapsedLicence { get; private set; }

    /// <summary>Whether <c>GET /subscribedSkus</c> answers 403 whatever the caller holds (a fault a test sets).</summary>
    public bool LicenceReadRefused { get; set; }

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
        ServicePrincipals.Select(p => p.Value.ToInfo(p.Key)).OrderBy(g => g.ClientId, StringComparer.Ordinal).ToArray(),
        LicenceReadRefused);

    public TenantLicensing ToLicensing() => new(Id, DisplayName, Licence, LapsedLicence, LicenceReadRefused);
}
