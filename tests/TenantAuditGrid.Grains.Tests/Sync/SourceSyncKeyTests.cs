using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Grains.Tests.Sync;

public sealed class SourceSyncKeyTests
{
    [Theory]
    [InlineData(AuditSource.DirectoryAudits, "t-1/directoryAudits")]
    [InlineData(AuditSource.SecurityActions, "t-1/securityActions")]
    public void A_key_names_tenant_and_source_and_parses_back(AuditSource source, string expected)
    {
        var key = SourceSyncKey.For("t-1", source);

        Assert.Equal(expected, key);
        Assert.Equal(("t-1", source), SourceSyncKey.Parse(key));
    }

    [Theory]
    [InlineData("no-source")]
    [InlineData("t-1/")]
    [InlineData("/directoryAudits")]
    [InlineData("t-1/signIns")]
    public void Malformed_keys_are_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => SourceSyncKey.Parse(key));
    }

    [Fact]
    public void A_tenant_id_with_a_slash_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SourceSyncKey.For("a/b", AuditSource.DirectoryAudits));
    }
}
