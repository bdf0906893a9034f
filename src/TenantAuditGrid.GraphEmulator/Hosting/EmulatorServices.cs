using Microsoft.Extensions.DependencyInjection;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The emulator's object graph; all singletons, because the emulator is one stateful service.</summary>
internal static class EmulatorServices
{
    public static void Add(IServiceCollection services, EmulatorRuntime runtime, EmulatorDirectory directory)
    {
        services.AddSingleton(runtime);
        services.AddSingleton(runtime.Options);
        services.AddSingleton(directory);
        services.AddSingleton<TimeProvider>(runtime.Clock);
        services.AddSingleton<TokenSigning>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton(new OperatorTenant(runtime.Options.Operators));
        services.AddSingleton<OperatorTokenIssuer>();
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<AuditEventStore>();
        services.AddSingleton<ReportsThrottle>();
        services.AddSingleton<GraphGate>();
        services.AddSingleton<SkipTokens>();
        services.AddSingleton<SecurityActionStore>();
        services.AddSingleton(sp => new EmulatorControl(sp.GetRequiredService<EmulatorDirectory>(), runtime, sp.GetRequiredService<AuditEventStore>(), sp.GetRequiredService<SecurityActionStore>(),
            sp.GetRequiredService<ReportsThrottle>(), sp.GetRequiredService<OperatorTenant>()));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
    }
}
