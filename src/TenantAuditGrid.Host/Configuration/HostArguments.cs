namespace TenantAuditGrid.Host.Configuration;

/// <summary>
/// The command line: an optional verb, friendly switches, and any configuration key as <c>--Section:Key=value</c>.
/// Unknown switches are an error rather than silently ignored, so a typo such as <c>--dmeo</c> cannot start the wrong thing.
/// </summary>
public sealed record HostArguments(HostVerb Verb, IReadOnlyList<string> ConfigurationArguments)
{
    private static readonly Dictionary<string, string> ValueSwitches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--mode"] = "TenantAuditGrid:Mode",
        ["--data-dir"] = "TenantAuditGrid:DataDirectory",
        ["--urls"] = "urls",
        ["--environment"] = "environment",
    };

    private static readonly Dictionary<string, string> FlagSwitches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--demo"] = "TenantAuditGrid:Demo",
        ["--verbose"] = "TenantAuditGrid:VerboseLogging",
    };

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var verb = HostVerb.Run;
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && !arg.StartsWith('-'))
            {
                verb = arg.ToLowerInvariant() switch
                {
                    "run" => HostVerb.Run,
                    "migrate" => HostVerb.Migrate,
                    _ => throw new HostConfigurationException($"unknown command '{arg}'; expected 'run' or 'migrate'"),
                };
                continue;
            }

            if (FlagSwitches.TryGetValue(arg, out var flag))
            {
                configuration.Add($"--{flag}=true");
                continue;
            }

            var (name, inlineValue) = SplitSwitch(arg);
            if (ValueSwitches.TryGetValue(name, out var key))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new HostConfigurationException($"option {name} needs a value"));
                configuration.Add($"--{key}={value}");
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':') && inlineValue is not null)
            {
                configuration.Add(arg);
            }
            else
            {
                throw new HostConfigurationException(
                    $"unknown option '{arg}'; use --demo, --verbose, --mode, --data-dir, --urls, or --Section:Key=value");
            }
        }

        return new HostArguments(verb, configuration);
    }

    private static (string Name, string? Value) SplitSwitch(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }
}

public enum HostVerb
{
    /// <summary>Start the silo and the gateway API.</summary>
    Run,

    /// <summary>Apply the store schema and exit: the schema step before a rolling deployment.</summary>
    Migrate,
}
