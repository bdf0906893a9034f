using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Graph;

public static class GraphAccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers Graph access as singletons: credential protection and intake, the one Graph client factory, the probe
    /// and the raw page readers. Binds <c>TenantAuditGrid:Graph</c>, <c>TenantAuditGrid:SharedApp</c> and
    /// <c>TenantAuditGrid:Credentials</c>; reads time from the product clock (<see cref="ProductClock"/>, the system clock if none is registered).
    /// </summary>
    public static IServiceCollection AddTenantGraphAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddEndpointOptions(services, configuration);
        AddSharedAppOptions(services, configuration);
        AddCredentialProtectionOptions(services, configuration);
        services.TryAddKeyedSingleton(ProductClock.ServiceKey, TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<CredentialProtector>();
        services.TryAddSingleton<CredentialIntake>();
        services.TryAddSingleton<GraphFailureClassifier>();
        services.TryAddSingleton<TenantGraphClientFactory>();
        services.TryAddSingleton<RawPageFetcher>();
        services.TryAddSingleton<DirectoryAuditsReader>();
        services.TryAddSingleton<SecurityActionsReader>();
        services.TryAddSingleton<LicenceReader>();
        services.TryAddSingleton<TenantProbe>();
        return services;
    }

    // Each rule's message names the full configuration key, because the Host prints it as the one line an operator reads. The rules
    // run at start (ValidateOnStart), so a mistake stops the process instead of failing every tenant's first request later.
    private static void AddEndpointOptions(IServiceCollection services, IConfiguration configuration)
    {
        const string section = GraphEndpointOptions.SectionName;
        services.AddOptions<GraphEndpointOptions>().Bind(configuration.GetSection(section))
            .Validate(o => IsAbsoluteHttps(o.AuthorityHost), $"{section}:AuthorityHost must be an absolute https URL; Azure.Identity refuses others")
            .Validate(o => IsAbsoluteHttps(o.GraphBaseAddress), $"{section}:GraphBaseAddress must be an absolute https URL; requests carry bearer tokens")
            .Validate(o => o.NetworkTimeout > TimeSpan.Zero, $"{section}:NetworkTimeout must be positive")
            .Validate(o => o.TokenRetries >= 0, $"{section}:TokenRetries must not be negative")
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedCertificateThumbprint) || IsSha1Thumbprint(o.TrustedCertificateThumbprint),
                $"{section}:TrustedCertificateThumbprint must be a SHA-1 thumbprint: 40 hex digits, colons allowed")
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedCertificateFile) || File.Exists(o.TrustedCertificateFile),
                $"{section}:TrustedCertificateFile names a file that does not exist")
            .ValidateOnStart();
    }

    private static void AddSharedAppOptions(IServiceCollection services, IConfiguration configuration)
    {
        const string section = SharedAppOptions.SectionName;
        services.AddOptions<SharedAppOptions>().Bind(configuration.GetSection(section))
            .Validate(o => string.IsNullOrWhiteSpace(o.ClientId) || Guid.TryParse(o.ClientId, out _),
                $"{section}:ClientId must be the app registration's application (client) id, a GUID")
            .Validate(o => string.IsNullOrWhiteSpace(o.ClientId) == string.IsNullOrEmpty(o.ClientSecret),
                $"{section}:ClientId and {section}:ClientSecret must be set together")
            .ValidateOnStart();
    }

    private static void AddCredentialProtectionOptions(IServiceCollection services, IConfiguration configuration)
    {
        const string section = CredentialProtectionOptions.SectionName;
        services.AddOptions<CredentialProtectionOptions>().Bind(configuration.GetSection(section))
            .Validate(o => CredentialProtector.IsWellFormedKey(o.MasterKey), $"{section}:MasterKey must be base64 of 32 random bytes (openssl rand -base64 32)")
            .Validate(o => o.PreviousMasterKeys.All(CredentialProtector.IsWellFormedKey), $"{section}:PreviousMasterKeys must each be base64 of 32 bytes")
            .ValidateOnStart();
    }

    private static bool IsAbsoluteHttps(Uri uri) => uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsSha1Thumbprint(string thumbprint)
    {
        var hex = thumbprint.Replace(":", "", StringComparison.Ordinal).Trim();
        return hex.Length == 40 && hex.All(char.IsAsciiHexDigit);
    }
}
