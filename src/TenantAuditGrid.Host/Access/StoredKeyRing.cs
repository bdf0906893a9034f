using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using TenantAuditGrid.Store.SessionKeys;

namespace TenantAuditGrid.Host.Access;

/// <summary>Data protection's key ring in the audit store, so every silo of a cluster reads the session cookies any silo issued.</summary>
internal sealed class StoredKeyRing(ISessionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.ListElements().Select(element => XElement.Parse(element))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.Add(string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
