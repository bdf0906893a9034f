using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Store.Tests.GrainStorage;

/// <summary>The embedded mode's promise: stop the silo, start a new one on the same file, and grain state is still there.</summary>
public sealed class SqliteGrainStorageRestartTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("tag-grainstorage-restart-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task State_written_before_a_silo_stops_is_read_by_the_next_silo_on_the_same_file()
    {
        var databasePath = Path.Combine(directory, "data", "grains.db");

        using (var first = await StartSiloAsync(databasePath))
        {
            var counter = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("tenant-a");
            await counter.IncrementAsync();
            Assert.Equal(2, await counter.IncrementAsync());
            await first.StopAsync();
        }

        using var second = await StartSiloAsync(databasePath);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("tenant-a");
        Assert.Equal(2, await again.GetAsync());
        Assert.Equal(3, await again.IncrementAsync());
        await second.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(string databasePath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next())
            .UseSystemTextJsonGrainStorageSerializer()
            .AddSqliteGrainStorageAsDefault(o => o.DatabasePath = databasePath));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
