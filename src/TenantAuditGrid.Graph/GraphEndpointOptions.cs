namespace TenantAuditGrid.Graph;

/// <summary>
/// Where tokens and Graph calls go (configuration section <c>TenantAuditGrid:Graph</c>). The defaults are Microsoft's
/// endpoints with normal TLS validation; the trusted-certificate options exist only so the demo and the tests can reach
/// the Graph emulator and its self-signed certificate.
/// </summary>
public sealed class GraphEndpointOptions
{
    public const string SectionName = "TenantAuditGrid:Graph";

    /// <summary>Entra token authority; must be https (Azure.Identity refuses anything else).</summary>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Graph root; <c>v1.0/</c> and <c>beta/</c> are appended.</summary>
    public Uri GraphBaseAddress { get; set; } = new("https://graph.microsoft.com/");

    /// <summary>SHA-1 thumbprint (hex) of a server certificate to accept in addition to the system's trust store.</summary>
    public string? TrustedCertificateThumbprint { get; set; }

    /// <summary>A PEM or DER file holding a server certificate to accept in addition to the system's trust store.</summary>
    public string? TrustedCertificateFile { get; set; }

    /// <summary>How long one HTTP attempt (token or Graph) may take before it counts as unreachable.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries Azure.Identity makes for a token request that failed transiently (5xx, 429, network).</summary>
    public int TokenRetries { get; set; } = 2;
}
