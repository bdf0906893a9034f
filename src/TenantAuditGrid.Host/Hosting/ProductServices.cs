using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Grains.Sync;
using TenantAuditGrid.Grains.Tenants;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Host.Api.Json;
using TenantAuditGrid.Host.Api.Tenants;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>The product's own services, the same in both modes.</summary>
public static class ProductServices
{
    public static IServiceCollection AddTenantAuditGrid(this IServiceCollection services, IConfiguration configuration)
    {
        // The demo registers the emulator's clock first; everywhere else the product runs on the system clock.
        services.TryAddKeyedSingleton(ProductClock.ServiceKey, TimeProvider.System);
        // A store failure inside a grain method travels back to the caller as an exception. Orleans serializes exceptions only from
        // namespaces it knows (Microsoft, System, Azure by default); any other fails as CodecNotFoundException and hides the real error.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.UnionWith(["Npgsql", "Polly"]));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterBusyExceptionHandler>();
        services.AddApiJson();
        services.AddTenantGraphAccess(configuration);
        services.AddGraphBudget(configuration);
        services.AddSourceSync(configuration);
        services.AddOptions<TenantGrainOptions>().Bind(configuration.GetSection(TenantGrainOptions.SectionName))
            .Validate(o => o.ProbeInterval >= TimeSpan.FromMinutes(1), "TenantAuditGrid:Tenants:ProbeInterval must be at least one minute (Orleans reminders)")
            .ValidateOnStart();
        services.AddSingleton<TenantRequestValidation>();
        return services;
    }
}
