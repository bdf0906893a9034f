namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>A partial update: null members stay as they are.</summary>
[GenerateSerializer, Alias("tag.TenantUpdate")]
public sealed record TenantUpdate(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] IReadOnlyList<string>? Tags,
    [property: Id(2)] IReadOnlyList<AuditSource>? Sources,
    [property: Id(3)] bool? Paused,
    [property: Id(4)] string? CustomerId = null);
