using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Tests.Support;

namespace TenantAuditGrid.Graph.Tests.Credentials;

public sealed class CredentialIntakeTests
{
    private const string TenantId = "3f6c2a8e-1b4d-4c7a-9e2f-5a8b1c3d4e6f";
    private const string ClientId = "0b9d7c6e-5f4a-4e3b-8c2d-1a0f9e8d7c6b";
    private const string PfxPassword = "pfx-Password!4711";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CredentialProtector protector = TestKeys.Protector(TestKeys.NewMasterKey());
    private readonly CredentialIntake intake;

    public CredentialIntakeTests() => intake = new CredentialIntake(protector, new FakeTimeProvider(Now));

    [Fact]
    public void A_client_secret_is_stored_encrypted_and_decrypts_for_its_tenant()
    {
        const string secret = "Q7x8Q~client.secret_value-for_intake";

        var stored = intake.FromClientSecret(TenantId, 1, ClientId, secret, Now.AddDays(90));

        Assert.Equal(ClientId, stored.ClientId);
        Assert.Equal(Now.AddDays(90), stored.ExpiresOn);
        Assert.Equal(secret, Encoding.UTF8.GetString(protector.Unprotect(stored.Secret, CredentialContext.ClientSecret(TenantId))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_secret_is_rejected_naming_the_field(string? secret)
    {
        var error = Assert.Throws<CredentialValidationException>(() => intake.FromClientSecret(TenantId, 1, ClientId, secret));

        Assert.Equal("clientSecret", error.Field);
        Assert.Equal(CredentialValidationCodes.EmptySecret, error.Code);
    }

    [Fact]
    public void A_client_id_that_is_not_a_guid_is_rejected_and_the_secret_is_not_echoed()
    {
        const string secret = "do-not-echo-this-secret";

        var error = Assert.Throws<CredentialValidationException>(() => intake.FromClientSecret(TenantId, 1, "my-app", secret));

        Assert.Equal("clientId", error.Field);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pfx_with_its_password_becomes_a_certificate_credential_with_an_encrypted_key()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));
        var pfx = certificate.Export(X509ContentType.Pkcs12, PfxPassword);

        var stored = intake.FromPfx(TenantId, 3, ClientId, pfx, PfxPassword);

        Assert.Equal(CertificateUploadFormat.Pfx, stored.UploadedAs);
        Assert.Equal(certificate.Thumbprint, stored.Thumbprint);
        Assert.Equal(3, stored.Version);
        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), stored.NotAfter);
        Assert.DoesNotContain("PRIVATE KEY", stored.CertificatePem, StringComparison.Ordinal);
        var key = protector.Unprotect(stored.PrivateKey, CredentialContext.PrivateKey(TenantId));
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportPkcs8PrivateKey(key, out _);
        using var original = certificate.GetRSAPublicKey()!;
        Assert.Equal(original.ExportSubjectPublicKeyInfo(), rsa.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_pfx_that_will_not_open_with_its_password_is_rejected_without_echoing_the_password()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));
        var pfx = certificate.Export(X509ContentType.Pkcs12, PfxPassword);
        const string wrongPassword = "wrong-password-1234";

        var error = Assert.Throws<CredentialValidationException>(() => intake.FromPfx(TenantId, 1, ClientId, pfx, wrongPassword));

        Assert.Equal("pfx", error.Field);
        Assert.Equal(CredentialValidationCodes.PfxUnreadable, error.Code);
        Assert.DoesNotContain(wrongPassword, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Bytes_that_are_not_a_pfx_are_rejected()
    {
        var error = Assert.Throws<CredentialValidationException>(() => intake.FromPfx(TenantId, 1, ClientId, Encoding.UTF8.GetBytes("hello"), null));

        Assert.Equal(CredentialValidationCodes.PfxUnreadable, error.Code);
    }

    [Fact]
    public void A_pfx_holding_only_a_public_certificate_is_rejected_as_missing_its_private_key()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var pfx = publicOnly.Export(X509ContentType.Pkcs12, PfxPassword);

        var error = Assert.Throws<CredentialValidationException>(() => intake.FromPfx(TenantId, 1, ClientId, pfx, PfxPassword));

        Assert.Equal(CredentialValidationCodes.PrivateKeyMissing, error.Code);
    }

    [Fact]
    public void An_expired_certificate_is_rejected_with_its_expiry()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddYears(-2), Now.AddDays(-1));

        var error = Assert.Throws<CredentialValidationException>(
            () => intake.FromPfx(TenantId, 1, ClientId, certificate.Export(X509ContentType.Pkcs12, PfxPassword), PfxPassword));

        Assert.Equal(CredentialValidationCodes.CertificateExpired, error.Code);
        Assert.Contains(Now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_not_valid_yet_is_rejected()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(2), Now.AddYears(1));

        var error = Assert.Throws<CredentialValidationException>(
            () => intake.FromPem(TenantId, 1, ClientId, certificate.ExportCertificatePem(), TestCertificates.PrivateKeyPem(certificate)));

        Assert.Equal(CredentialValidationCodes.CertificateNotYetValid, error.Code);
    }

    [Fact]
    public void A_pem_certificate_and_key_become_a_certificate_credential()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));

        var stored = intake.FromPem(TenantId, 1, ClientId, certificate.ExportCertificatePem(), TestCertificates.PrivateKeyPem(certificate));

        Assert.Equal(CertificateUploadFormat.Pem, stored.UploadedAs);
        Assert.Equal(certificate.Thumbprint, stored.Thumbprint);
    }

    [Fact]
    public void A_pem_key_that_belongs_to_another_certificate_is_rejected()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));
        using var other = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));

        var error = Assert.Throws<CredentialValidationException>(
            () => intake.FromPem(TenantId, 1, ClientId, certificate.ExportCertificatePem(), TestCertificates.PrivateKeyPem(other)));

        Assert.Equal("privateKeyPem", error.Field);
        Assert.Equal(CredentialValidationCodes.PrivateKeyMismatch, error.Code);
    }

    [Fact]
    public void A_certificate_without_a_private_key_in_pem_form_is_rejected()
    {
        using var certificate = TestCertificates.CreateRsa(Now.AddDays(-1), Now.AddYears(1));

        var missing = Assert.Throws<CredentialValidationException>(
            () => intake.FromPem(TenantId, 1, ClientId, certificate.ExportCertificatePem(), ""));
        var garbage = Assert.Throws<CredentialValidationException>(
            () => intake.FromPem(TenantId, 1, ClientId, certificate.ExportCertificatePem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));

        Assert.Equal(CredentialValidationCodes.PrivateKeyMissing, missing.Code);
        Assert.Equal(CredentialValidationCodes.PrivateKeyUnreadable, garbage.Code);
    }

    [Fact]
    public void A_non_rsa_certificate_is_rejected_because_entra_app_credentials_need_rsa()
    {
        using var certificate = TestCertificates.CreateEcdsa(Now.AddDays(-1), Now.AddYears(1));

        var error = Assert.Throws<CredentialValidationException>(
            () => intake.FromPfx(TenantId, 1, ClientId, certificate.Export(X509ContentType.Pkcs12, PfxPassword), PfxPassword));

        Assert.Equal(CredentialValidationCodes.UnsupportedKeyType, error.Code);
    }
}
