using Npgsql;

namespace TenantAuditGrid.Testing;

/// <summary>
/// The PostgreSQL server that <c>./build.sh test</c> starts for the test run. Tests never share a database:
/// each fixture creates its own with <see cref="CreateDatabaseAsync"/> and drops it when done.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "TAG_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with './build.sh test', which installs and starts PostgreSQL.");

    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        // At most 4 + 24 + 1 + 32 = 61 characters: inside PostgreSQL's 63-byte identifier limit.
        var name = $"tag_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    internal static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
}

/// <summary>A database of its own for one test class; dropped on dispose.</summary>
public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => new(PostgresServer.DropDatabaseAsync(Name));
}
