namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// Which customers one principal may see. A principal is named <c>{kind}:{id}</c>: <c>user:{oid}</c> (an Entra object id: a person,
/// or an application's service principal), <c>group:{id}</c> (an Entra group, matched against the token's <c>groups</c>), or
/// <c>apiKey:{id}</c>. A caller sees the union of its principals' grants.
/// </summary>
public sealed record AccessGrant
{
    public required string Principal { get; init; }

    /// <summary>True grants every customer, present and future; <see cref="CustomerIds"/> is then empty.</summary>
    public required bool AllCustomers { get; init; }

    /// <summary>The customers granted, in ordinal order; never empty unless <see cref="AllCustomers"/>.</summary>
    public required IReadOnlyList<string> CustomerIds { get; init; }

    public required DateTimeOffset GrantedAt { get; init; }

    public required string GrantedBy { get; init; }
}
