using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Makes <c>$skiptoken</c> values: the keyset position of a page's last row plus the query's fingerprint,
/// authenticated with HMAC-SHA256 under a per-deployment key. A token cannot be forged, edited or reused with another query.
/// It does not expire: a keyset position stays meaningful however long the client waits, even while events are ingested.
/// </summary>
public sealed class SkipTokenProtector
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private const int MaxTokenLength = 2048;
    private readonly byte[] key;

    public SkipTokenProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("A skip token key needs at least 32 bytes.", nameof(key));
        }

        this.key = (byte[])key.Clone();
    }

    /// <summary>Derives the skip token key from the deployment's master key, so every silo of a cluster accepts every other's tokens.</summary>
    public static SkipTokenProtector FromMasterKey(byte[] masterKey) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, salt: null, info: "TenantAuditGrid.SkipToken.v1"u8.ToArray()));

    public string Protect(AuditPageKey position, ReadOnlySpan<byte> fingerprint)
    {
        ArgumentNullException.ThrowIfNull(position);
        var tenant = Encoding.UTF8.GetBytes(position.TenantId);
        var id = Encoding.UTF8.GetBytes(position.Id);
        var body = new byte[1 + 8 + fingerprint.Length + 2 + tenant.Length + 2 + id.Length];
        var span = body.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], position.SortTime.UtcTicks);
        var offset = 9;
        fingerprint.CopyTo(span[offset..]);
        offset += fingerprint.Length;
        offset = WriteField(span, offset, tenant);
        WriteField(span, offset, id);

        var token = new byte[body.Length + MacLength];
        body.CopyTo(token, 0);
        HMACSHA256.HashData(key, body, token.AsSpan(body.Length));
        return Base64Url.EncodeToString(token);
    }

    public AuditPageKey Unprotect(string token, ReadOnlySpan<byte> fingerprint)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            throw Invalid();
        }

        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length < 1 + 8 + fingerprint.Length + 4 + MacLength)
        {
            throw Invalid();
        }

        var body = bytes.AsSpan(0, bytes.Length - MacLength);
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, body, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(body.Length)))
        {
            throw Invalid();
        }

        if (body[0] != Version || !body.Slice(9, fingerprint.Length).SequenceEqual(fingerprint))
        {
            throw new QueryValidationException("The $skiptoken belongs to a different query; follow @odata.nextLink exactly as returned.");
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(body[1..]);
        var offset = 9 + fingerprint.Length;
        var tenant = ReadField(body, ref offset);
        var id = ReadField(body, ref offset);
        return new AuditPageKey(new DateTimeOffset(ticks, TimeSpan.Zero), tenant, id);
    }

    private static int WriteField(Span<byte> span, int offset, byte[] value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], checked((ushort)value.Length));
        value.CopyTo(span[(offset + 2)..]);
        return offset + 2 + value.Length;
    }

    private static string ReadField(ReadOnlySpan<byte> body, ref int offset)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        var value = Encoding.UTF8.GetString(body.Slice(offset + 2, length));
        offset += 2 + length;
        return value;
    }

    private static QueryValidationException Invalid() => new("Invalid skip token: it is malformed or was not issued by this service.");
}
