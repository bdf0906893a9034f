using Npgsql;

namespace TenantAuditGrid.Testing;

/// <summary>
/// The PostgreSQL server that <c>./build.sh test</c> starts for the test run (or the one a benchmark is pointed at). Tests and
/// benchmark runs never share a database: each creates its own with <see cref="CreateDatabaseAsync"/> and drops it when done.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "TAG_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with './build.sh test', which installs and starts PostgreSQL.");

    /// <summary>A new database named for its purpose, on the test server or on <paramref name="server"/> (a benchmark's).</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose, string? server = null)
    {
        server ??= ConnectionString;
        // At most 4 + 24 + 1 + 32 = 61 characters: inside PostgreSQL's 63-byte identifier limit.
        var name = $"tag_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    internal static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
}

/// <summary>A database of its own for one test class or benchmark run; dropped on dispose.</summary>
public sealed class TestDatabase(string server, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public ValueTask DisposeAsync() => new(PostgresServer.DropDatabaseAsync(server, Name));
}
