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
        services.AddOptions<GraphEndpointOptions>().Bind(configuration.GetSection(GraphEndpointOptions.SectionName));
        services.AddOptions<SharedAppOptions>().Bind(configuration.GetSection(SharedAppOptions.SectionName));
        services.AddOptions<CredentialProtectionOptions>().Bind(configuration.GetSection(CredentialProtectionOptions.SectionName));
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
}
