using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// A classified failure of a token request or a Graph call. Never carries secret material.
/// </summary>
/// <param name="HealthState">What it means for the tenant's health; null when it says nothing about the tenant
/// (a bad request, an expired skiptoken, a missing resource).</param>
/// <param name="ErrorCode">The AADSTS code (<c>AADSTS7000215</c>), the Graph error code (<c>Authentication_MSGraphPermissionMissing</c>),
/// or <c>HTTP 503</c> / <c>network</c> when there is no code.</param>
/// <param name="RetryAfter">Graph's Retry-After, when it sent one.</param>
public sealed record GraphAccessFailure(
    GraphFailureKind Kind,
    TenantHealthState? HealthState,
    string ErrorCode,
    int? HttpStatus,
    TimeSpan? RetryAfter,
    IReadOnlyList<string> MissingPermissions)
{
    /// <summary>True when trying again later may succeed without anyone changing anything.</summary>
    public bool IsTransient => Kind is GraphFailureKind.Throttled or GraphFailureKind.ServerError or GraphFailureKind.Network
        or GraphFailureKind.TokenRejected;
}
