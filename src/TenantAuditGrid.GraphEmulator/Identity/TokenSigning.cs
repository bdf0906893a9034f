using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The key the emulated Entra signs access tokens with, generated per run. Graph validates against the same key.</summary>
internal sealed class TokenSigning : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public TokenSigning()
    {
        Key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..20] };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    public JsonWebKey PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        jwk.Use = "sig";
        return jwk;
    }

    public void Dispose() => rsa.Dispose();
}
