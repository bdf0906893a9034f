namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>A half-open interval [From, To) of activityDateTime.</summary>
[GenerateSerializer, Alias("tag.TimeRange"), Immutable]
public sealed record TimeRange([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset To)
{
    public TimeSpan Length => To > From ? To - From : TimeSpan.Zero;

    public bool IsEmpty => To <= From;

    public override string ToString() => $"[{From:O}, {To:O})";
}
