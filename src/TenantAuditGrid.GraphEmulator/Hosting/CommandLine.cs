using System.Globalization;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The standalone emulator's command line: <c>--name value</c> pairs and a few flags.</summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--no-throttling", "--bench", "--verbose", "--help" };

    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal)
    {
        "--tenants", "--seed", "--urls", "--time-scale", "--certificate-out", "--events-per-day", "--volume-skew", "--security-actions-per-day",
        "--skiptoken-minutes", "--client-id", "--client-secret", "--bench-tenants", "--bench-concurrency", "--bench-top",
    };

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (Flags.Contains(name))
            {
                line.flags.Add(name);
            }
            else if (Valued.Contains(name) && i + 1 < args.Length)
            {
                line.values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown or incomplete option '{name}'. Run with --help for the options.");
            }
        }

        return line;
    }

    public bool Has(string flag) => flags.Contains(flag);

    public string? Text(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{name} needs a whole number, not '{text}'.")
            : fallback;

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"{name} needs a number, not '{text}'.")
            : fallback;

    public const string Usage = """
        TenantAuditGrid Graph emulator
          --tenants N             demo tenants to create (default 50)
          --seed N                seed for tenants and events (default 7)
          --urls URLS             Kestrel addresses, e.g. https://127.0.0.1:8443 (default: https on a free loopback port)
          --time-scale X          run the clock X times faster than real time (default 1)
          --certificate-out PATH  write the TLS certificate (public part) as PEM for other processes to trust
          --events-per-day N      mean directoryAudit events per tenant per day (default 333)
          --volume-skew S         log-normal spread of volume between tenants (default 0.8; 0 = equal)
          --security-actions-per-day N
                                  mean security actions other tools submit per tenant per day, over the 30 days before
                                  start and on from there (default 0: only those submitted to the emulator)
          --skiptoken-minutes M   skiptoken lifetime in emulated minutes (default 10)
          --client-id ID          the shared MSP app's client id (default 7a3c1f52-9e0b-4d6a-8c41-2f5b9d0e6a17)
          --client-secret S       the shared app's secret (default: generated; also read from TAG_EMULATOR_CLIENT_SECRET)
          --no-throttling         turn the reports throttle off
          --verbose               log every request
          --bench                 measure pages/s with throttling off, then exit (see docs/benchmarks.md)
          --bench-tenants N       tenants to read end to end in the benchmark (default 100)
          --bench-concurrency N   concurrent readers in the benchmark (default 8)
          --bench-top N           $top per page in the benchmark (default 999)
        """;
}
