using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>Registers the Graph-compatible gateway. The audit store's read side must be registered too
/// (<see cref="AuditQueryServiceCollectionExtensions.AddPostgresAuditQueries"/> or <see cref="AuditQueryServiceCollectionExtensions.AddSqliteAuditQueries"/>).</summary>
public static class GraphGatewayServiceCollectionExtensions
{
    private const int MinimumKeyBytes = 32;

    public static IServiceCollection AddGraphGateway(this IServiceCollection services)
    {
        services.AddOptions<GraphGatewayOptions>().BindConfiguration(GraphGatewayOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.SkipTokenKey) || TryDecodeKey(o.SkipTokenKey, out _),
                $"{GraphGatewayOptions.SectionName}:SkipTokenKey must be base64 of at least {MinimumKeyBytes} random bytes")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITenantScopeProvider, AllTenantsScopeProvider>();
        services.TryAddSingleton(provider => CreateSkipTokenProtector(
            provider.GetRequiredService<IOptions<GraphGatewayOptions>>().Value, provider.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<AuditQueryParser>();
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
    private static byte[] DecodeKey(string base64, string settingName) =>
        TryDecodeKey(base64, out var key) ? key : throw new InvalidOperationException($"{settingName} must be base64 of at least {MinimumKeyBytes} bytes.");

    private static bool TryDecodeKey(string base64, [NotNullWhen(true)] out byte[]? key)
    {
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            key = null;
        }

        return key is { Length: >= MinimumKeyBytes };
    }
}
