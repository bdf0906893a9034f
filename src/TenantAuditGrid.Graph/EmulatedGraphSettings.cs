namespace TenantAuditGrid.Graph;

/// <summary>
/// The configuration that points Graph access and the shared app at an Entra and Graph other than Microsoft's, trusting that host's
/// self-signed certificate: the emulator in <c>--demo</c>, the tests and the benchmarks. One place, so every one of them spells the
/// keys the same way; production configuration never uses it. Given the emulator's MSP tenant, operators sign in there too, with
/// bearer tokens and in a browser.
/// </summary>
public static class EmulatedGraphSettings
{
    /// <summary>The Host's operator sign-in section (its <c>OperatorSignInOptions</c>), which this project cannot reference.</summary>
    private const string OperatorsSection = "TenantAuditGrid:Operators";

    public static Dictionary<string, string?> For(
        Uri baseAddress,
        string trustedCertificateThumbprint,
        string sharedAppClientId,
        string sharedAppClientSecret,
        (Guid TenantId, string ApiClientId, string SignInSecret)? operatorTenant = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{GraphEndpointOptions.SectionName}:AuthorityHost"] = baseAddress.AbsoluteUri,
            [$"{GraphEndpointOptions.SectionName}:GraphBaseAddress"] = baseAddress.AbsoluteUri,
            [$"{GraphEndpointOptions.SectionName}:TrustedCertificateThumbprint"] = trustedCertificateThumbprint,
            [$"{SharedAppOptions.SectionName}:ClientId"] = sharedAppClientId,
            [$"{SharedAppOptions.SectionName}:ClientSecret"] = sharedAppClientSecret,
        };
        if (operatorTenant is { } operators)
        {
            settings[$"{OperatorsSection}:TenantId"] = operators.TenantId.ToString();
            settings[$"{OperatorsSection}:ClientId"] = operators.ApiClientId;
            settings[$"{OperatorsSection}:ClientSecret"] = operators.SignInSecret;
        }

        return settings;
    }
}
