using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TenantAuditGrid.Graph.Clients;

/// <summary>
/// TLS validation for token and Graph requests: the system trust store always, plus exactly one extra certificate when
/// <see cref="GraphEndpointOptions.TrustedCertificateThumbprint"/> or <see cref="GraphEndpointOptions.TrustedCertificateFile"/>
/// is set (the emulator's self-signed certificate). With neither set, validation is the platform's, unchanged.
/// </summary>
public sealed class ServerCertificateTrust
{
    private readonly string? pinnedThumbprint;

    public ServerCertificateTrust(GraphEndpointOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.TrustedCertificateThumbprint))
        {
            pinnedThumbprint = options.TrustedCertificateThumbprint.Replace(":", "", StringComparison.Ordinal).Trim();
        }
        else if (!string.IsNullOrWhiteSpace(options.TrustedCertificateFile))
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(options.TrustedCertificateFile);
            pinnedThumbprint = certificate.Thumbprint;
        }
    }

    /// <summary>The message handler every token and Graph request goes through.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (pinnedThumbprint is { } thumbprint)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (certificate is not null
                    && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase));
        }

        return handler;
    }
}
