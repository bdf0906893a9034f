using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TenantAuditGrid.Graph.Tests.Support;

/// <summary>Self-signed app certificates made on the spot, as an operator would with New-SelfSignedCertificate or openssl.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateRsa(DateTimeOffset notBefore, DateTimeOffset notAfter, string subject = "CN=TenantAuditGrid test app")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(notBefore, notAfter);
        // Round-trip through PKCS#12 so the key is usable independently of the RSA instance disposed above.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    public static X509Certificate2 CreateEcdsa(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=TenantAuditGrid ecdsa", ecdsa, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey()!;
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
