using Microsoft.Extensions.Configuration.Memory;
using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// What the console shows when nobody configured <c>Logging</c>. Embedded mode is read by a person at a terminal: one short line per
/// event, the product's own lines, and Orleans and Polly only when they warn. Cluster mode is read by a log pipeline: one JSON object
/// per line, Orleans' silo lifecycle included, but not a line per grain placement. <c>--verbose</c> keeps every library's information but ASP.NET Core's request lines.
/// These sit beneath every configuration source, so a <c>Logging</c> key in appsettings, the environment or the command line wins.
/// </summary>
public static class LoggingDefaults
{
    public static void Apply(ConfigurationManager configuration, HostSettings settings) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = For(settings) });

    private static Dictionary<string, string?> For(HostSettings settings)
    {
        var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Information",
            // ASP.NET Core's request lines at Information print full URLs, query strings included; verbose or not, they stay out.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };

        if (settings.VerboseLogging)
        {
            defaults["Logging:LogLevel:TenantAuditGrid"] = "Debug";
        }
        else
        {
            defaults["Logging:LogLevel:Orleans"] = "Warning";
            // Orleans' placement retries go through a Polly pipeline that logs every attempt, successful ones included.
            defaults["Logging:LogLevel:Polly"] = "Warning";
            if (settings.Mode == HostMode.Cluster)
            {
                // Joining, becoming active and leaving: what an operator reads after a rollout. Category names match by prefix, so
                // the options dump that Orleans.Runtime.SiloOptionsLogger writes at startup needs its own rule to stay out.
                defaults["Logging:LogLevel:Orleans.Runtime.Silo"] = "Information";
                defaults["Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger"] = "Warning";
            }
            else
            {
                // Orleans 10.4's watchdog warns at every start that its participant check "has not completed" for as long as the
                // machine has been up: its first heartbeat reads a timestamp the participant thread has not set yet. On one machine
                // that is a false alarm each time; a cluster keeps the category, where a real stall matters more than one line.
                defaults["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Error";
            }
        }

        if (settings.Mode == HostMode.Cluster)
        {
            defaults["Logging:Console:FormatterName"] = "json";
            defaults["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ";
            defaults["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true";
        }
        else
        {
            defaults["Logging:Console:FormatterName"] = "simple";
            defaults["Logging:Console:FormatterOptions:SingleLine"] = "true";
            defaults["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss ";
        }

        return defaults;
    }
}
