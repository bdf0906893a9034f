using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// API keys look like <c>tagk_1f3a9c0d2b4e6f70_&lt;43 characters&gt;</c>: a fixed prefix a secret scanner can match, the public key id
/// (the row the request looks up), and 256 random bits of secret, of which only the SHA-256 hash is stored.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "tagk_";

    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    public static NewApiKey Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(SecretBytes));
        return new NewApiKey(id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Whether a bearer credential is meant as an API key (it may still be malformed or unknown).</summary>
    public static bool LooksLikeKey(string credential) => credential.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="value"/> is spelled as a key id: 16 lowercase hex digits.</summary>
    public static bool IsKeyId(ReadOnlySpan<char> value) => value.Length == IdBytes * 2 && IsLowerHex(value);

    public static bool TryParse(string credential, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = secret = null;
        if (!LooksLikeKey(credential))
        {
            return false;
        }

        var rest = credential.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator < 0 || rest.Length <= separator + 1 || !IsKeyId(rest[..separator]))
        {
            return false;
        }

        keyId = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares a presented secret with a stored hash in time that does not depend on where they differ.</summary>
    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A key as generated: <see cref="Key"/> is shown once, to whoever created it, and never stored.</summary>
public sealed record NewApiKey(string KeyId, string Key, byte[] SecretHash)
{
    public override string ToString() => $"NewApiKey {{ KeyId = {KeyId} }}";
}
