using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Turns the failures an operator can fix (bad configuration, a port in use, an unreachable database, a store a newer build migrated) into one line each and an exit
/// code: 2 for configuration, 1 for the environment. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ConfigurationExitCode = 2;
    public const int EnvironmentExitCode = 1;

    public static bool TryDescribe(Exception exception, string? postgresConnectionString, out IReadOnlyList<string> messages, out int exitCode)
    {
        var chain = ExceptionCauses.Of(exception).ToList();

        // ValidateOnStart checks every options type before it throws (several arrive in one AggregateException), and each type reports
        // every rule it breaks. Each rule's message names the full configuration key, so each is a line of its own: one run shows them all.
        var invalidOptions = chain.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        if (invalidOptions.Count > 0)
        {
            messages = invalidOptions;
            exitCode = ConfigurationExitCode;
            return true;
        }

        foreach (var e in chain)
        {
            if (Describe(e, chain, postgresConnectionString) is { } failure)
            {
                messages = [failure.Message];
                exitCode = failure.ExitCode;
                return true;
            }
        }

        messages = [];
        exitCode = 0;
        return false;
    }

    private static (string Message, int ExitCode)? Describe(Exception e, List<Exception> chain, string? postgresConnectionString) => e switch
    {
        HostConfigurationException => (e.Message, ConfigurationExitCode),
        AddressInUseException => (PortInUse(e, chain), EnvironmentExitCode),
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            ("an Orleans port is already in use (is another TenantAuditGrid running?); " +
             "set TenantAuditGrid:Cluster:SiloPort and TenantAuditGrid:Cluster:GatewayPort to free ports", EnvironmentExitCode),
        StoreSchemaTooNewException => (e.Message, EnvironmentExitCode),
        NpgsqlException => ($"cannot use PostgreSQL at {DescribeServer(postgresConnectionString)}: {e.Message}", EnvironmentExitCode),
        SqliteException => ($"cannot use the SQLite store: {e.Message}", EnvironmentExitCode),
        UnauthorizedAccessException => ($"cannot write the data directory: {e.Message}", EnvironmentExitCode),
        _ => null,
    };

    // Kestrel wraps it in an IOException whose message names the address ("Failed to bind to address …").
    private static string PortInUse(Exception e, List<Exception> chain) =>
        $"{chain.OfType<IOException>().FirstOrDefault()?.Message ?? e.Message} Another process holds the port; pass --urls http://127.0.0.1:<port> to use another.";

    // Only where the server is: the connection string may hold a password, and this line goes to the console.
    private static string DescribeServer(string? connectionString)
    {
        if (connectionString is null)
        {
            return "(no connection string)";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
        catch (ArgumentException)
        {
            return "(malformed connection string)";
        }
    }
}
