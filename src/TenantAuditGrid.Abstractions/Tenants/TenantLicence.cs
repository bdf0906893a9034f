namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>The Entra ID licence tier as far as it matters for audit data: it decides retention.</summary>
[GenerateSerializer, Alias("tag.TenantLicence")]
public enum TenantLicence
{
    /// <summary>Not determined (the licence could not be read).</summary>
    Unknown = 0,

    /// <summary>Entra ID Free: 7 days of directory audit retention.</summary>
    Free = 1,

    /// <summary>Entra ID P1 or P2: 30 days of retention.</summary>
    Premium = 2,
}
