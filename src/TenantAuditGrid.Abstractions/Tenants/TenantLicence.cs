namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>The Entra ID licence tier as far as it matters for audit data: it decides how long Graph keeps it.</summary>
[GenerateSerializer, Alias("tag.TenantLicence")]
public enum TenantLicence
{
    /// <summary>Not determined: Graph would not list the subscriptions and no event proved more than Free's retention.</summary>
    Unknown = 0,

    /// <summary>Entra ID Free: 7 days of directory audit retention.</summary>
    Free = 1,

    /// <summary>P1 or P2, proved by an event older than Free's retention while the subscriptions could not be read.</summary>
    Premium = 2,

    /// <summary>Entra ID P1 (an active subscription with the AAD_PREMIUM plan): 30 days of retention.</summary>
    P1 = 3,

    /// <summary>Entra ID P2 (an active subscription with the AAD_PREMIUM_P2 plan): 30 days of retention.</summary>
    P2 = 4,
}
