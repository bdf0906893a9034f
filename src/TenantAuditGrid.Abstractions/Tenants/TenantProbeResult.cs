namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// What one probe of a tenant found: the health of every probed source, the capability matrix, and the
/// application permissions the token carried.
/// </summary>
/// <param name="State">The most severe of the probed sources' states (see <see cref="TenantHealthSeverity"/>).</param>
/// <param name="GrantedRoles">The <c>roles</c> claim of the app-only token; empty when no token was issued.</param>
/// <param name="CredentialExpiresOn">The secret's or certificate's expiry when known.</param>
/// <param name="TokenIssued">Whether the token endpoint accepted the credential. A rotation must not replace a working
/// credential with one for which this is false.</param>
[GenerateSerializer, Alias("tag.TenantProbeResult")]
public sealed record TenantProbeResult(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateTimeOffset ProbedAt,
    [property: Id(2)] TenantHealthState State,
    [property: Id(3)] IReadOnlyList<SourceHealth> Sources,
    [property: Id(4)] TenantCapabilities Capabilities,
    [property: Id(5)] IReadOnlyList<string> GrantedRoles,
    [property: Id(6)] DateTimeOffset? CredentialExpiresOn,
    [property: Id(7)] bool TokenIssued)
{
    public SourceHealth? For(AuditSource source) => Sources.FirstOrDefault(s => s.Source == source);
}
