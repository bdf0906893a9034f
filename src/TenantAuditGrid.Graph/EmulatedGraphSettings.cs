namespace TenantAuditGrid.Graph;

/// <summary>
/// The configuration that points Graph access and the shared app at an Entra and Graph other than Microsoft's, trusting that host's
/// self-signed certificate: the emulator in <c>--demo</c>, the tests and the benchmarks. One place, so every one of them spells the
/// keys the same way; production configuration never uses it.
/// </summary>
public static class EmulatedGraphSettings
{
    public static Dictionary<string, string?> For(
        Uri baseAddress, string trustedCertificateThumbprint, string sharedAppClientId, string sharedAppClientSecret)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{GraphEndpointOptions.SectionName}:AuthorityHost"] = baseAddress.AbsoluteUri,
            [$"{GraphEndpointOptions.SectionName}:GraphBaseAddress"] = baseAddress.AbsoluteUri,
            [$"{GraphEndpointOptions.SectionName}:TrustedCertificateThumbprint"] = trustedCertificateThumbprint,
            [$"{SharedAppOptions.SectionName}:ClientId"] = sharedAppClientId,
            [$"{SharedAppOptions.SectionName}:ClientSecret"] = sharedAppClientSecret,
        };
    }
}
