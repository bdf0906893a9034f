using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Sqlite;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>Operator mistakes end the process with one readable line and a non-zero exit, never a bare stack trace.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-failure-").FullName;

    [Fact]
    public async Task Unknown_mode_is_a_configuration_error_with_exit_code_2()
    {
        var (exitCode, error) = await RunToExitAsync([.. new HostArgs().Embedded(dataDirectory), "--mode", "Galaxy"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("TenantAuditGrid: TenantAuditGrid:Mode must be Embedded or Cluster, not 'Galaxy'", error);
    }

    [Fact]
    public async Task Misspelt_option_is_rejected_instead_of_ignored()
    {
        var (exitCode, error) = await RunToExitAsync(["--dmeo"]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("TenantAuditGrid: unknown option '--dmeo'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_mode_without_a_connection_string_says_which_setting_is_missing()
    {
        var (exitCode, error) = await RunToExitAsync(new HostArgs().Cluster());

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Postgres", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_sync_interval_is_a_configuration_error_naming_the_option()
    {
        var (exitCode, errors) = await RunWithInvalidOptionsAsync([.. new HostArgs().Embedded(dataDirectory), "--TenantAuditGrid:Sync:BackfillPollInterval=-00:10:00"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("TenantAuditGrid: TenantAuditGrid:Sync:BackfillPollInterval must not be negative", Assert.Single(errors));
    }

    [Fact]
    public async Task Zero_budget_lease_is_a_configuration_error_naming_the_option()
    {
        var (exitCode, errors) = await RunWithInvalidOptionsAsync([.. new HostArgs().Embedded(dataDirectory), "--TenantAuditGrid:GraphBudget:LeaseLifetime=00:00:00"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("TenantAuditGrid: TenantAuditGrid:GraphBudget:LeaseLifetime must be positive", Assert.Single(errors));
    }

    [Fact]
    public async Task Several_invalid_options_are_one_line_each()
    {
        var (exitCode, errors) = await RunWithInvalidOptionsAsync(
        [
            .. new HostArgs().Embedded(dataDirectory),
            "--TenantAuditGrid:Sync:PageSize=0",
            "--TenantAuditGrid:Sync:ThrottledRetries=-1",
            "--TenantAuditGrid:GraphBudget:AppRequestsPerWindow=0",
        ]);

        string[] expected =
        [
            "TenantAuditGrid: TenantAuditGrid:GraphBudget:AppRequestsPerWindow must be positive",
            "TenantAuditGrid: TenantAuditGrid:Sync:PageSize must be between 1 and 999",
            "TenantAuditGrid: TenantAuditGrid:Sync:ThrottledRetries must not be negative",
        ];
        Assert.Equal(2, exitCode);
        Assert.Equal(expected, errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Malformed_graph_shared_app_credential_and_gateway_settings_are_refused_at_start_one_line_each()
    {
        var (exitCode, errors) = await RunWithInvalidOptionsAsync(
        [
            .. new HostArgs().Embedded(dataDirectory),
            "--TenantAuditGrid:Graph:AuthorityHost=http://login.example.test/",
            "--TenantAuditGrid:Graph:TrustedCertificateThumbprint=not-a-thumbprint",
            "--TenantAuditGrid:SharedApp:ClientId=msp-app",
            "--TenantAuditGrid:Credentials:MasterKey=" + Convert.ToBase64String(new byte[16]),
            "--TenantAuditGrid:Gateway:SkipTokenKey=not base64",
        ]);

        string[] expected =
        [
            "TenantAuditGrid: TenantAuditGrid:Credentials:MasterKey must be base64 of 32 random bytes (openssl rand -base64 32)",
            "TenantAuditGrid: TenantAuditGrid:Gateway:SkipTokenKey must be base64 of at least 32 random bytes",
            "TenantAuditGrid: TenantAuditGrid:Graph:AuthorityHost must be an absolute https URL; Azure.Identity refuses others",
            "TenantAuditGrid: TenantAuditGrid:Graph:TrustedCertificateThumbprint must be a SHA-1 thumbprint: 40 hex digits, colons allowed",
            "TenantAuditGrid: TenantAuditGrid:SharedApp:ClientId and TenantAuditGrid:SharedApp:ClientSecret must be set together",
            "TenantAuditGrid: TenantAuditGrid:SharedApp:ClientId must be the app registration's application (client) id, a GUID",
        ];
        Assert.Equal(2, exitCode);
        Assert.Equal(expected, errors.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataDirectory));
    }

    [Fact]
    public async Task Unparsable_sync_interval_is_a_configuration_error_naming_the_option_and_value()
    {
        var (exitCode, error) = await RunToExitAsync([.. new HostArgs().Embedded(dataDirectory), "--TenantAuditGrid:Sync:BackfillPollInterval=ten minutes"]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(
            "TenantAuditGrid: invalid TenantAuditGrid configuration: Failed to convert configuration value 'ten minutes' at 'TenantAuditGrid:Sync:BackfillPollInterval'",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgres_is_one_line_without_the_password()
    {
        var closedPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=hunter2-secret;Timeout=3",
            ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
        };

        var (exitCode, error) = await RunToExitAsync(new HostArgs().Cluster(), environment);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"TenantAuditGrid: cannot use PostgreSQL at 127.0.0.1:{closedPort}/postgres", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_a_newer_build_migrated_is_one_line_and_left_at_its_version()
    {
        var audit = Path.Combine(dataDirectory, "audit.db");
        await SetUserVersionAsync(audit, 99);

        var (exitCode, error) = await RunToExitAsync(new HostArgs().Embedded(dataDirectory));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"TenantAuditGrid: the SQLite store {audit} is at schema version 99, newer than this build knows ({SqliteStoreSchema.LatestVersion}); run the newer build",
            error);
        Assert.Equal(99L, await UserVersionAsync(audit));
    }

    [Fact]
    public async Task Http_port_in_use_is_one_line_naming_the_address()
    {
        var args = new HostArgs();
        using var squatter = new TcpListener(IPAddress.Loopback, args.HttpPort);
        squatter.Start();

        var (exitCode, error) = await RunToExitAsync(args.Embedded(dataDirectory));

        Assert.Equal(1, exitCode);
        Assert.Contains($"127.0.0.1:{args.HttpPort}", error, StringComparison.Ordinal);
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task SetUserVersionAsync(string path, int version)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand($"PRAGMA user_version = {version}", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> UserVersionAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA user_version", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(int ExitCode, string Error)> RunToExitAsync(IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var (exitCode, errors) = await RunToExitWithErrorsAsync(arguments, environment);
        // Logs go to standard output; standard error holds exactly the one line an operator reads.
        return (exitCode, Assert.Single(errors));
    }

    /// <summary>
    /// Like <see cref="RunToExitWithErrorsAsync"/>, for option values that parse but break a rule: those are refused before the host
    /// starts, so the host logs no error of its own (it used to log "Hosting failed to start" with a stack trace above the one line).
    /// </summary>
    private static async Task<(int ExitCode, IReadOnlyList<string> Errors)> RunWithInvalidOptionsAsync(IEnumerable<string> arguments)
    {
        await using var host = HostProcess.Start(arguments);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(host.FailureLines);
        return (exitCode, [.. host.StandardError.Where(line => line.Length > 0)]);
    }

    private static async Task<(int ExitCode, IReadOnlyList<string> Errors)> RunToExitWithErrorsAsync(
        IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        await using var host = HostProcess.Start(arguments, environment);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, [.. host.StandardError.Where(line => line.Length > 0)]);
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
