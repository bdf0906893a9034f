using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>Registers the Graph-compatible gateway. The audit store's read side must be registered too
/// (<see cref="AuditQueryServiceCollectionExtensions.AddPostgresAuditQueries"/> or <see cref="AuditQueryServiceCollectionExtensions.AddSqliteAuditQueries"/>).</summary>
public static class GraphGatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGraphGateway(this IServiceCollection services)
    {
        services.AddOptions<GraphGatewayOptions>().BindConfiguration(GraphGatewayOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITenantScopeProvider, AllTenantsScopeProvider>();
        services.TryAddSingleton(provider => CreateSkipTokenProtector(
            provider.GetRequiredService<IOptions<GraphGatewayOptions>>().Value, provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<DirectoryAuditQueryParser>();
        services.TryAddSingleton<SecurityActionQueryParser>();
        services.TryAddScoped<GraphGatewayContext>();
        return services;
    }

    private static SkipTokenProtector CreateSkipTokenProtector(GraphGatewayOptions options, IConfiguration configuration)
    {
        if (options.SkipTokenKey is { Length: > 0 } skipTokenKey)
        {
            return new SkipTokenProtector(DecodeKey(skipTokenKey, "TenantAuditGrid:Gateway:SkipTokenKey"));
        }

        if (configuration["TenantAuditGrid:Credentials:MasterKey"] is { Length: > 0 } masterKey)
        {
            return SkipTokenProtector.FromMasterKey(DecodeKey(masterKey, "TenantAuditGrid:Credentials:MasterKey"));
        }

        return new SkipTokenProtector(RandomNumberGenerator.GetBytes(32));
    }

    // The message names the setting, never its value.
    private static byte[] DecodeKey(string base64, string settingName)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length >= 32 ? key : throw new InvalidOperationException($"{settingName} must hold at least 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{settingName} is not valid base64.");
        }
    }
}
