namespace TenantAuditGrid.Store.SessionKeys;

/// <summary>
/// The ASP.NET Core data-protection key ring that protects browser session and antiforgery cookies, kept in the audit store so every
/// silo reads the same keys. Elements are XML the caller has already encrypted; the store neither reads nor changes them. The methods
/// are synchronous because data protection's <c>IXmlRepository</c> is: it reads the ring at start and about once a day.
/// </summary>
public interface ISessionKeyStore
{
    /// <summary>Every stored element, oldest first.</summary>
    IReadOnlyList<string> ListElements();

    /// <summary>Adds an element under a new name; data protection never rewrites a key, so a name already present is kept as it is.</summary>
    void Add(string name, string element);
}
