using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Credentials;

/// <summary>
/// Encrypts secret material at rest with AES-256-GCM (System.Security.Cryptography's <see cref="AesGcm"/>) under a master
/// key from configuration. Each value carries the id of the key that wrote it, so the master key can be rotated: the current
/// key writes, previous keys still read. The associated data binds a ciphertext to its tenant and purpose, so a stored value
/// copied onto another tenant or field fails authentication instead of decrypting.
/// </summary>
public sealed class CredentialProtector
{
    private const int KeySize = 32;
    private const int NonceSize = 12; // AesGcm.NonceByteSizes: 96-bit nonces, random per value.
    private const int TagSize = 16;
    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("TenantAuditGrid credential master key id v1");

    private readonly byte[] currentKey;
    private readonly Dictionary<string, byte[]> keysById;

    public CredentialProtector(IOptions<CredentialProtectionOptions> options)
    {
        var value = options.Value;
        currentKey = ParseKey(value.MasterKey, $"{CredentialProtectionOptions.SectionName}:MasterKey");
        CurrentKeyId = KeyIdOf(currentKey);
        keysById = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [CurrentKeyId] = currentKey };
        for (var i = 0; i < value.PreviousMasterKeys.Count; i++)
        {
            var previous = ParseKey(value.PreviousMasterKeys[i], $"{CredentialProtectionOptions.SectionName}:PreviousMasterKeys:{i}");
            keysById.TryAdd(KeyIdOf(previous), previous);
        }
    }

    /// <summary>The id of the key new values are written under.</summary>
    public string CurrentKeyId { get; }

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="context"/> (see <see cref="CredentialContext"/>).</summary>
    public EncryptedSecret Protect(ReadOnlySpan<byte> plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(currentKey, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(CurrentKeyId, context));
        return new EncryptedSecret(CurrentKeyId, nonce, ciphertext, tag);
    }

    /// <summary>
    /// Decrypts a stored value. Throws <see cref="CredentialDecryptionException"/> when its key is not configured or the
    /// value was altered or belongs to another context; the exception names neither key nor content.
    /// </summary>
    public byte[] Unprotect(EncryptedSecret secret, string context)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!keysById.TryGetValue(secret.KeyId, out var key))
        {
            throw new CredentialDecryptionException(
                $"The stored credential was encrypted under master key '{secret.KeyId}', which is not configured. " +
                $"Add that key to {CredentialProtectionOptions.SectionName}:PreviousMasterKeys.");
        }

        if (secret.Nonce.Length != NonceSize || secret.Tag.Length != TagSize)
        {
            throw new CredentialDecryptionException("The stored credential is malformed.");
        }

        var plaintext = new byte[secret.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(secret.Nonce, secret.Ciphertext, secret.Tag, plaintext, AssociatedData(secret.KeyId, context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CredentialDecryptionException(
                "The stored credential failed integrity validation: it was altered, or it belongs to another tenant or field.");
        }
    }

    /// <summary>True when <paramref name="secret"/> was written under a key other than the current one and should be re-encrypted.</summary>
    public bool NeedsReEncryption(EncryptedSecret secret) => secret.KeyId != CurrentKeyId;

    /// <summary>Decrypts under whichever key wrote it and encrypts again under the current key.</summary>
    public EncryptedSecret ReEncrypt(EncryptedSecret secret, string context)
    {
        var plaintext = Unprotect(secret, context);
        try
        {
            return Protect(plaintext, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(string keyId, string context) => Encoding.UTF8.GetBytes($"tag-credential-v1|{keyId}|{context}");

    // The id is an HMAC of a fixed label under the key: stable, reveals nothing about the key, and differs between keys.
    private static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, KeyIdLabel).AsSpan(0, 8));

    /// <summary>Whether <paramref name="base64"/> can be a master key: base64 of exactly 32 bytes.</summary>
    public static bool IsWellFormedKey(string? base64) => TryParseKey(base64, out _);

    private static byte[] ParseKey(string? base64, string settingName)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"{settingName} is not configured; it must be base64 of {KeySize} random bytes.");
        }

        return TryParseKey(base64, out var key) ? key : throw new InvalidOperationException($"{settingName} is not base64 of exactly {KeySize} bytes.");
    }

    private static bool TryParseKey(string? base64, [NotNullWhen(true)] out byte[]? key)
    {
        // One byte more than a key, so a longer value does not fit silently.
        var buffer = new byte[KeySize + 1];
        if (string.IsNullOrWhiteSpace(base64) || !Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written != KeySize)
        {
            key = null;
            return false;
        }

        key = buffer[..KeySize];
        return true;
    }
}
