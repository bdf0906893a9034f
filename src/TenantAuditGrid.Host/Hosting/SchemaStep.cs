using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Host.Hosting;

/// <summary><c>TenantAuditGrid.Host migrate</c>: applies the store schema and exits, the step a deployment runs before rolling silos.</summary>
public static class SchemaStep
{
    public static async Task<int> RunAsync(HostSettings settings, string? postgresConnectionString, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuditStoreForMode(settings, postgresConnectionString);

        await using var provider = services.BuildServiceProvider();
        var result = await provider.GetRequiredService<IStoreSchema>().ApplyAsync(cancellationToken);
        Console.WriteLine($"TenantAuditGrid: schema ready ({result})");
        return 0;
    }
}
