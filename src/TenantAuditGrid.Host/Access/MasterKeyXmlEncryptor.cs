using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Encrypts ASP.NET Core's data-protection keys (which protect session and antiforgery cookies) at rest under the credential master
/// key, the same AES-GCM and the same rotation as tenant secrets: a stored key ring is useless without the master key, and keys
/// written under a previous master key still read while it is listed in PreviousMasterKeys.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(CredentialProtector protector) : IXmlEncryptor
{
    internal const string Context = "data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var secret = protector.Protect(System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), Context);
        var element = new XElement(
            "encryptedKey",
            new XAttribute("masterKeyId", secret.KeyId),
            new XAttribute("nonce", Convert.ToBase64String(secret.Nonce)),
            new XAttribute("tag", Convert.ToBase64String(secret.Tag)),
            Convert.ToBase64String(secret.Ciphertext));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Reads what <see cref="MasterKeyXmlEncryptor"/> wrote; data protection creates it by type with the service provider.</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var secret = new EncryptedSecret(
            (string?)encryptedElement.Attribute("masterKeyId") ?? string.Empty,
            Convert.FromBase64String((string?)encryptedElement.Attribute("nonce") ?? string.Empty),
            Convert.FromBase64String(encryptedElement.Value),
            Convert.FromBase64String((string?)encryptedElement.Attribute("tag") ?? string.Empty));
        var plaintext = services.GetRequiredService<CredentialProtector>().Unprotect(secret, MasterKeyXmlEncryptor.Context);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext), LoadOptions.None);
    }
}
