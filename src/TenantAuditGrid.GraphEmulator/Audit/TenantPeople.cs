namespace TenantAuditGrid.GraphEmulator;

/// <summary>A tenant's users, groups and service principals, derived from its key; the same tenant always has the same people.</summary>
internal sealed class TenantPeople(TenantActivity tenant)
{
    public ulong Key { get; } = tenant.GenerationKey;

    public string TenantId { get; } = tenant.TenantId.ToString();

    public string Domain { get; } = tenant.DefaultDomain;

    public int UserCount { get; } = 40 + (int)(tenant.GenerationKey % 400);

    public TenantUser User(int index)
    {
        var h = StableHash.Mix(Key, (ulong)index, 0x05E1);
        var first = AuditCatalog.FirstNames[(int)(h % (ulong)AuditCatalog.FirstNames.Length)];
        var last = AuditCatalog.LastNames[(int)((h >> 16) % (ulong)AuditCatalog.LastNames.Length)];
        return new TenantUser(
            StableHash.Guid(Key, (ulong)index, 0x05E1).ToString(),
            $"{first} {last}",
            $"{first}.{last}{index}@{Domain}".ToLowerInvariant());
    }

    /// <summary>The first five users are the tenant's administrators.</summary>
    public TenantUser Admin(int index) => User(index % 5);

    public (string Id, string DisplayName, string GroupType) Group(int index) =>
        (StableHash.Guid(Key, (ulong)index, 0x6E0).ToString(), AuditCatalog.GroupNames[index], index % 3 == 0 ? "azureAD" : "unifiedGroups");

    public string ServicePrincipalId(int firstPartyAppIndex) => StableHash.Guid(Key, (ulong)firstPartyAppIndex, 0x5B0).ToString();
}

internal sealed record TenantUser(string Id, string DisplayName, string UserPrincipalName);
