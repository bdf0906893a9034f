namespace TenantAuditGrid.Graph;

/// <summary>
/// Master keys for credential encryption at rest (configuration section <c>TenantAuditGrid:Credentials</c>).
/// To rotate: put the new key in <see cref="MasterKey"/> and move the old one into <see cref="PreviousMasterKeys"/>;
/// values written under the old key stay readable, new values are written under the new one.
/// </summary>
public sealed class CredentialProtectionOptions
{
    public const string SectionName = "TenantAuditGrid:Credentials";

    /// <summary>Base64 of 32 random bytes. Encrypts everything written from now on.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Base64 keys that may still have encrypted stored values; used only to decrypt.</summary>
    public IList<string> PreviousMasterKeys { get; } = [];
}
