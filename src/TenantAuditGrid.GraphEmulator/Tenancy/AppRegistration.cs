using System.Security.Cryptography.X509Certificates;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>An app registration with its credentials. Mutated only under the <see cref="EmulatorDirectory"/> lock.</summary>
internal sealed class AppRegistration(string clientId, string displayName, Guid? homeTenantId)
{
    public string ClientId { get; } = clientId;

    public string DisplayName { get; } = displayName;

    /// <summary>Null for a multi-tenant app; otherwise the only tenant the app exists in.</summary>
    public Guid? HomeTenantId { get; } = homeTenantId;

    public List<string> RequiredRoles { get; } = [];

    public List<RegisteredSecret> Secrets { get; } = [];

    public List<RegisteredCertificate> Certificates { get; } = [];

    public AppInfo ToInfo() => new(
        ClientId,
        DisplayName,
        HomeTenantId,
        RequiredRoles.ToArray(),
        Secrets.Select(s => new SecretInfo(s.Hint, s.Expires)).ToArray(),
        Certificates.Select(c => new CertificateInfo(c.Certificate.Thumbprint, c.Expires)).ToArray());
}

internal sealed record RegisteredSecret(string Value, DateTimeOffset? Expires)
{
    /// <summary>The first three characters, as the Entra portal shows them; never the whole secret.</summary>
    public string Hint => Value.Length > 3 ? Value[..3] : string.Empty;
}

internal sealed record RegisteredCertificate(X509Certificate2 Certificate, DateTimeOffset? Expires);
