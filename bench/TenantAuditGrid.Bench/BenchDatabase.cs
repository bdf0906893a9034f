using Npgsql;

namespace TenantAuditGrid.Bench;

/// <summary>A database of its own for one scenario run, on the server in TAG_BENCH_POSTGRES (or --postgres), dropped at the end.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "TAG_BENCH_POSTGRES";

    private readonly string server;
    private readonly string name;

    private BenchDatabase(string server, string name)
    {
        this.server = server;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(ScenarioArguments arguments)
    {
        var server = arguments.Text("postgres") ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new ArgumentException($"No PostgreSQL server: pass --postgres \"Host=…;Username=…\" or set {EnvironmentVariable} (./build.sh with-postgres gives one).");
        }

        var database = new BenchDatabase(server, $"tag_bench_{arguments.Scenario}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000):D3}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database.name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
