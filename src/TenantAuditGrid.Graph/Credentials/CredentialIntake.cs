using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Credentials;

/// <summary>
/// Turns what an operator uploads (a client secret, a PFX and its password, a PEM certificate and key) into the
/// <see cref="TenantCredential"/> a tenant grain stores: validated, secret parts encrypted, the PFX password dropped.
/// Rejections are <see cref="CredentialValidationException"/>s naming the field. This checks the material only; whether
/// Entra accepts it is for <see cref="Health.TenantProbe.CheckCredentialAsync"/> to find out.
/// </summary>
public sealed class CredentialIntake(CredentialProtector protector, [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider timeProvider)
{
    private const int MaxSecretLength = 1024;

    public ClientSecretTenantCredential FromClientSecret(
        string tenantId, int version, string clientId, string? clientSecret, DateTimeOffset? secretExpiresOn = null)
    {
        ValidateClientId(clientId);
        if (string.IsNullOrWhiteSpace(clientSecret))
        {
            throw new CredentialValidationException("clientSecret", CredentialValidationCodes.EmptySecret, "The client secret is empty.");
        }

        if (clientSecret.Length > MaxSecretLength)
        {
            throw new CredentialValidationException(
                "clientSecret", CredentialValidationCodes.SecretTooLong, $"The client secret is longer than {MaxSecretLength} characters.");
        }

        var plaintext = Encoding.UTF8.GetBytes(clientSecret);
        try
        {
            return new ClientSecretTenantCredential(
                version, clientId.Trim(), protector.Protect(plaintext, CredentialContext.ClientSecret(tenantId)), secretExpiresOn);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public CertificateTenantCredential FromPfx(string tenantId, int version, string clientId, byte[]? pfx, string? password)
    {
        ValidateClientId(clientId);
        if (pfx is not { Length: > 0 })
        {
            throw new CredentialValidationException("pfx", CredentialValidationCodes.PfxUnreadable, "The PFX file is empty.");
        }

        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(
                pfx, password, X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException)
        {
            throw new CredentialValidationException(
                "pfx", CredentialValidationCodes.PfxUnreadable, "The PFX file cannot be opened: it is damaged or the password is wrong.");
        }

        try
        {
            var certificate = collection.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new CredentialValidationException(
                    "pfx", CredentialValidationCodes.PrivateKeyMissing, "The PFX file holds no certificate with a private key.");
            using var rsa = certificate.GetRSAPrivateKey()
                ?? throw new CredentialValidationException(
                    "pfx", CredentialValidationCodes.UnsupportedKeyType, "The certificate's key is not RSA; Entra app credentials need an RSA key.");
            return Build(tenantId, version, clientId, CertificateUploadFormat.Pfx, certificate, rsa, "pfx");
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    public CertificateTenantCredential FromPem(
        string tenantId, int version, string clientId, string? certificatePem, string? privateKeyPem, string? privateKeyPassword = null)
    {
        ValidateClientId(clientId);
        if (string.IsNullOrWhiteSpace(certificatePem))
        {
            throw new CredentialValidationException("certificatePem", CredentialValidationCodes.CertificateUnreadable, "The certificate is empty.");
        }

        if (string.IsNullOrWhiteSpace(privateKeyPem))
        {
            throw new CredentialValidationException("privateKeyPem", CredentialValidationCodes.PrivateKeyMissing, "The private key is empty.");
        }

        X509Certificate2 publicCertificate;
        try
        {
            publicCertificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new CredentialValidationException(
                "certificatePem", CredentialValidationCodes.CertificateUnreadable, "The certificate is not a readable PEM certificate.");
        }

        using (publicCertificate)
        {
            using var publicKey = publicCertificate.GetRSAPublicKey()
                ?? throw new CredentialValidationException(
                    "certificatePem", CredentialValidationCodes.UnsupportedKeyType,
                    "The certificate's key is not RSA; Entra app credentials need an RSA key.");
            using var rsa = RSA.Create();
            try
            {
                if (string.IsNullOrEmpty(privateKeyPassword))
                {
                    rsa.ImportFromPem(privateKeyPem);
                }
                else
                {
                    rsa.ImportFromEncryptedPem(privateKeyPem, privateKeyPassword);
                }
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new CredentialValidationException(
                    "privateKeyPem", CredentialValidationCodes.PrivateKeyUnreadable,
                    "The private key is not a readable PEM RSA key (or its password is wrong).");
            }

            X509Certificate2 withKey;
            try
            {
                withKey = publicCertificate.CopyWithPrivateKey(rsa);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new CredentialValidationException(
                    "privateKeyPem", CredentialValidationCodes.PrivateKeyMismatch, "The private key does not belong to the certificate.");
            }

            using (withKey)
            {
                return Build(tenantId, version, clientId, CertificateUploadFormat.Pem, withKey, rsa, "certificatePem");
            }
        }
    }

    public static SharedAppTenantCredential SharedApp(int version) => new(version);

    private CertificateTenantCredential Build(
        string tenantId, int version, string clientId, CertificateUploadFormat format, X509Certificate2 certificate, RSA key, string field)
    {
        var now = timeProvider.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter <= now)
        {
            throw new CredentialValidationException(
                field, CredentialValidationCodes.CertificateExpired, $"The certificate expired on {notAfter:u}.");
        }

        if (notBefore > now)
        {
            throw new CredentialValidationException(
                field, CredentialValidationCodes.CertificateNotYetValid, $"The certificate is not valid before {notBefore:u}.");
        }

        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new CertificateTenantCredential(
                version,
                clientId.Trim(),
                format,
                certificate.ExportCertificatePem(),
                protector.Protect(pkcs8, CredentialContext.PrivateKey(tenantId)),
                certificate.Thumbprint,
                notBefore,
                notAfter);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static void ValidateClientId(string clientId)
    {
        if (!Guid.TryParse(clientId, out _))
        {
            throw new CredentialValidationException(
                "clientId", CredentialValidationCodes.InvalidClientId, "The client id must be the app registration's application (client) id, a GUID.");
        }
    }
}
