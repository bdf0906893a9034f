using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.SessionKeys;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>The session key ring's part of the contract: both engines keep elements verbatim, oldest first, and never overwrite one.</summary>
public abstract partial class AuditStoreContractTests
{
    private ISessionKeyStore SessionKeys => services.GetRequiredService<ISessionKeyStore>();

    [Fact]
    public void Session_key_elements_read_back_verbatim_and_a_name_already_stored_keeps_its_first_element()
    {
        Assert.Empty(SessionKeys.ListElements());
        const string first = "<key id=\"1\"><encryptedKey masterKeyId=\"a\">x+/=</encryptedKey></key>";

        SessionKeys.Add("key-1", first);
        SessionKeys.Add("key-1", "<key id=\"1\">replaced</key>");
        SessionKeys.Add("key-2", "<key id=\"2\" />");

        Assert.Equal([first, "<key id=\"2\" />"], SessionKeys.ListElements());
        Assert.Throws<ArgumentException>(() => SessionKeys.Add(" ", first));
    }
}
