namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// One stretch [From, To) of a source's history in one <see cref="CoverageState"/>. <see cref="Reason"/> is a stable code
/// (<c>backfill_pending</c>, <c>not_read</c>, <c>graph_retention</c>, <c>licence_unknown</c>); <see cref="Remediation"/> says, for
/// anything but Complete, what it means and what would change it.
/// </summary>
[GenerateSerializer, Alias("tag.CoverageRange"), Immutable]
public sealed record CoverageRange(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] CoverageState State,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] string? Remediation = null);
