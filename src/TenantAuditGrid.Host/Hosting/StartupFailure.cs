using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Npgsql;
using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Turns the failures an operator can fix (bad configuration, a port in use, an unreachable database) into one line and an exit code.
/// Anything else is a bug and keeps its stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ConfigurationExitCode = 2;
    public const int EnvironmentExitCode = 1;

    public static bool TryDescribe(Exception exception, string? postgresConnectionString, out string message, out int exitCode)
    {
        exitCode = EnvironmentExitCode;
        var chain = Chain(exception).ToList();
        foreach (var e in chain)
        {
            switch (e)
            {
                case HostConfigurationException:
                    exitCode = ConfigurationExitCode;
                    message = e.Message;
                    return true;
                case AddressInUseException:
                    // Kestrel wraps it in an IOException whose message names the address ("Failed to bind to address …").
                    var bind = chain.OfType<IOException>().FirstOrDefault()?.Message ?? e.Message;
                    message = $"{bind} Another process holds the port; pass --urls http://127.0.0.1:<port> to use another.";
                    return true;
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }:
                    message = "an Orleans port is already in use (is another TenantAuditGrid running?); " +
                              "set TenantAuditGrid:Cluster:SiloPort and TenantAuditGrid:Cluster:GatewayPort to free ports";
                    return true;
                case NpgsqlException:
                    message = $"cannot use PostgreSQL at {DescribeServer(postgresConnectionString)}: {e.Message}";
                    return true;
                case SqliteException:
                    message = $"cannot use the SQLite store: {e.Message}";
                    return true;
                case UnauthorizedAccessException:
                    message = $"cannot write the data directory: {e.Message}";
                    return true;
            }
        }

        message = string.Empty;
        return false;
    }

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

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }

                yield break;
            }

            yield return e;
        }
    }
}
