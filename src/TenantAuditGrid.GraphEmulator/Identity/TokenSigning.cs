using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The key the emulated Entra signs access tokens with, generated per run. Graph validates against the same key.</summary>
internal sealed class TokenSigning : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenSigning()
    {
        Key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportRSAPublicKey()))[..20] };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>A signed JWT access token: every token the emulator issues, for Graph or for the product's API, goes through here.</summary>
    public IssuedToken Issue(string issuer, string audience, DateTimeOffset issuedAt, DateTimeOffset expires, Dictionary<string, object> claims)
    {
        claims["uti"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray());
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = Credentials,
        });
        return new IssuedToken(token, expires);
    }

    public JsonWebKey PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = Key.KeyId });
        jwk.Use = "sig";
        return jwk;
    }

    public void Dispose() => rsa.Dispose();
}
