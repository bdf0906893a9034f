namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>What a master-key re-encryption pass did to one tenant's stored credential.</summary>
[GenerateSerializer, Alias("tag.CredentialKeyOutcome")]
public enum CredentialKeyOutcome
{
    /// <summary>The secret material was already encrypted under the current master key; nothing was written.</summary>
    AlreadyCurrent = 0,

    /// <summary>The secret material was decrypted under a previous key and written again under the current one.</summary>
    ReEncrypted = 1,

    /// <summary>The tenant uses the shared app and holds no secret of its own.</summary>
    NoSecret = 2,

    /// <summary>The tenant is not onboarded (offboarded since it was listed).</summary>
    NotOnboarded = 3,

    /// <summary>The value could not be decrypted: the key that wrote it is not configured, or the value was altered.</summary>
    Undecryptable = 4,
}
