using System.Security.Cryptography;
using System.Text;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Tests.Support;

namespace TenantAuditGrid.Graph.Tests.Credentials;

public sealed class CredentialProtectorTests
{
    private const string Context = "11111111-1111-1111-1111-111111111111/client-secret";
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("s3cr3t~value.for-round-trip");

    [Fact]
    public void Round_trip_returns_the_plaintext_and_the_ciphertext_does_not_contain_it()
    {
        var protector = TestKeys.Protector(TestKeys.NewMasterKey());

        var encrypted = protector.Protect(Secret, Context);

        Assert.Equal(Secret, protector.Unprotect(encrypted, Context));
        Assert.Equal(protector.CurrentKeyId, encrypted.KeyId);
        Assert.False(encrypted.Ciphertext.AsSpan().IndexOf(Secret.AsSpan(0, 8)) >= 0);
    }

    [Fact]
    public void Encrypting_the_same_value_twice_gives_different_ciphertexts()
    {
        var protector = TestKeys.Protector(TestKeys.NewMasterKey());

        var first = protector.Protect(Secret, Context);
        var second = protector.Protect(Secret, Context);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void After_rotation_old_values_stay_readable_and_new_values_use_the_new_key()
    {
        var oldKey = TestKeys.NewMasterKey();
        var newKey = TestKeys.NewMasterKey();
        var before = TestKeys.Protector(oldKey);
        var storedBeforeRotation = before.Protect(Secret, Context);

        var after = TestKeys.Protector(newKey, oldKey);
        var storedAfterRotation = after.Protect(Secret, Context);

        Assert.Equal(Secret, after.Unprotect(storedBeforeRotation, Context));
        Assert.NotEqual(before.CurrentKeyId, after.CurrentKeyId);
        Assert.Equal(after.CurrentKeyId, storedAfterRotation.KeyId);
        Assert.True(after.NeedsReEncryption(storedBeforeRotation));
        Assert.False(after.NeedsReEncryption(storedAfterRotation));

        var reEncrypted = after.ReEncrypt(storedBeforeRotation, Context);
        Assert.Equal(after.CurrentKeyId, reEncrypted.KeyId);
        Assert.Equal(Secret, TestKeys.Protector(newKey).Unprotect(reEncrypted, Context));
    }

    [Fact]
    public void A_value_under_a_key_that_is_no_longer_configured_cannot_be_read_and_the_error_names_the_key_id_only()
    {
        var oldKey = TestKeys.NewMasterKey();
        var stored = TestKeys.Protector(oldKey).Protect(Secret, Context);

        var error = Assert.Throws<CredentialDecryptionException>(() => TestKeys.Protector(TestKeys.NewMasterKey()).Unprotect(stored, Context));

        Assert.Contains(stored.KeyId, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(oldKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("tag")]
    [InlineData("nonce")]
    public void Any_altered_byte_is_detected(string part)
    {
        var protector = TestKeys.Protector(TestKeys.NewMasterKey());
        var stored = protector.Protect(Secret, Context);
        var bytes = part switch
        {
            "ciphertext" => stored.Ciphertext,
            "tag" => stored.Tag,
            _ => stored.Nonce,
        };
        var tampered = (byte[])bytes.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        var altered = part switch
        {
            "ciphertext" => stored with { Ciphertext = tampered },
            "tag" => stored with { Tag = tampered },
            _ => stored with { Nonce = tampered },
        };

        Assert.Throws<CredentialDecryptionException>(() => protector.Unprotect(altered, Context));
    }

    [Fact]
    public void A_value_copied_to_another_tenant_does_not_decrypt()
    {
        var protector = TestKeys.Protector(TestKeys.NewMasterKey());
        var stored = protector.Protect(Secret, CredentialContext.ClientSecret("11111111-1111-1111-1111-111111111111"));

        Assert.Throws<CredentialDecryptionException>(
            () => protector.Unprotect(stored, CredentialContext.ClientSecret("22222222-2222-2222-2222-222222222222")));
        Assert.Throws<CredentialDecryptionException>(
            () => protector.Unprotect(stored, CredentialContext.PrivateKey("11111111-1111-1111-1111-111111111111")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")] // 16 bytes: AES-128 is not what we promise
    public void A_missing_or_malformed_master_key_is_refused_at_start_without_echoing_it(string? masterKey)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestKeys.Protector(masterKey!));

        Assert.Contains("TenantAuditGrid:Credentials:MasterKey", error.Message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(masterKey))
        {
            Assert.DoesNotContain(masterKey, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_stored_form_prints_without_its_bytes()
    {
        var stored = TestKeys.Protector(TestKeys.NewMasterKey()).Protect(RandomNumberGenerator.GetBytes(40), Context);

        Assert.DoesNotContain(Convert.ToBase64String(stored.Ciphertext), stored.ToString(), StringComparison.Ordinal);
        Assert.Equal(stored, stored with { Ciphertext = (byte[])stored.Ciphertext.Clone() });
        Assert.IsType<EncryptedSecret>(stored);
    }
}
