using System.Text.Json;
using Npgsql;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>Cluster mode against the real PostgreSQL that ./build.sh test starts.</summary>
public sealed class ClusterModeTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresServer.CreateDatabaseAsync("clustermode");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Migrate_applies_the_schema_once_and_two_cluster_starts_apply_nothing_more()
    {
        await using (var migrate = HostProcess.Start(["migrate", "--mode", "Cluster"], Environment()))
        {
            Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        var afterMigrate = await AppliedMigrationsAsync();
        for (var start = 0; start < 2; start++)
        {
            await using var host = await RunningHost.StartClusterAsync(Guid.NewGuid().ToString("N"), environment: Environment());
            Assert.Equal(0, await host.StopAsync());
        }

        Assert.NotEmpty(afterMigrate);
        Assert.Equal(afterMigrate, await AppliedMigrationsAsync());
    }

    /// <summary>
    /// A cluster's console goes to a log pipeline: every line one JSON object, the silo's lifecycle at Information (what an operator
    /// reads after a rollout) and not the options dump Orleans writes beside it.
    /// </summary>
    [Fact]
    public async Task A_silo_logs_one_json_object_per_line_with_its_lifecycle_and_without_the_options_dump()
    {
        await using var host = await RunningHost.StartClusterAsync(Guid.NewGuid().ToString("N"), environment: Environment());
        Assert.Equal(0, await host.StopAsync());

        var entries = host.Process.StandardOutput.Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var categories = entries.Select(entry => entry.GetProperty("Category").GetString()).ToList();
        Assert.Contains(entries, entry =>
            entry.GetProperty("Category").GetString() == "Orleans.Runtime.Silo" && entry.GetProperty("LogLevel").GetString() == "Information");
        Assert.Contains("Microsoft.Hosting.Lifetime", categories);
        Assert.DoesNotContain("Orleans.Runtime.SiloOptionsLogger", categories);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Postgres"] = database.ConnectionString,
        ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
    };

    private async Task<List<string>> AppliedMigrationsAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version::text || ':' || applied_at::text FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
