namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// Secret material (a client secret or a private key) as it is stored: AES-256-GCM ciphertext under the master key
/// named by <see cref="KeyId"/>. Only TenantAuditGrid.Graph's credential protector can turn it back into plaintext.
/// </summary>
/// <param name="KeyId">Fingerprint of the master key that encrypted it; lets the master key rotate while old values stay readable.</param>
[GenerateSerializer, Alias("tag.EncryptedSecret"), Immutable]
public sealed record EncryptedSecret(
    [property: Id(0)] string KeyId,
    [property: Id(1)] byte[] Nonce,
    [property: Id(2)] byte[] Ciphertext,
    [property: Id(3)] byte[] Tag)
{
    // Arrays compare by reference in records; two stored values are the same secret only if every byte matches.
    public bool Equals(EncryptedSecret? other) =>
        other is not null && KeyId == other.KeyId && Nonce.AsSpan().SequenceEqual(other.Nonce)
        && Ciphertext.AsSpan().SequenceEqual(other.Ciphertext) && Tag.AsSpan().SequenceEqual(other.Tag);

    public override int GetHashCode() => HashCode.Combine(KeyId, Ciphertext.Length);

    public override string ToString() => $"EncryptedSecret {{ KeyId = {KeyId}, {Ciphertext.Length} bytes }}";
}
