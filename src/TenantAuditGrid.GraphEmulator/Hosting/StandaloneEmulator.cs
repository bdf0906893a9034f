namespace TenantAuditGrid.GraphEmulator;

/// <summary>The standalone executable: parses the command line, starts the server, prints how to reach it, waits for Ctrl+C.</summary>
internal static class StandaloneEmulator
{
    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine line;
        EmulatorOptions options;
        try
        {
            line = CommandLine.Parse(args);
            if (line.Has("--help"))
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }

            options = line.Has("--bench") ? EmulatorBenchmark.Options(line) : Options(line);
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        if (line.Has("--bench"))
        {
            return await EmulatorBenchmark.RunAsync(line, options).ConfigureAwait(false);
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

        await using var server = await GraphEmulatorServer.StartAsync(options, stop.Token).ConfigureAwait(false);
        if (line.Text("--certificate-out") is { } path)
        {
            await File.WriteAllTextAsync(path, server.CertificatePem(), stop.Token).ConfigureAwait(false);
        }

        PrintBanner(server, options, line.Text("--certificate-out"));
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop cleanly.
        }

        return 0;
    }

    private static EmulatorOptions Options(CommandLine line) => new()
    {
        TenantCount = line.Int("--tenants", 50),
        Seed = line.Int("--seed", 7),
        Urls = line.Text("--urls"),
        TimeScale = line.Double("--time-scale", 1),
        EnableRequestLogging = line.Has("--verbose"),
        SkipTokenLifetime = TimeSpan.FromMinutes(line.Double("--skiptoken-minutes", 10)),
        Throttling = { Enabled = !line.Has("--no-throttling") },
        Activity =
        {
            MeanEventsPerDay = line.Double("--events-per-day", 333),
            VolumeSkew = line.Double("--volume-skew", 0.8),
            SecurityActionsPerDay = line.Double("--security-actions-per-day", 0),
        },
        SharedApp =
        {
            ClientId = line.Text("--client-id") ?? new SharedAppOptions().ClientId,
            ClientSecret = line.Text("--client-secret") ?? NullIfEmpty(Environment.GetEnvironmentVariable("TAG_EMULATOR_CLIENT_SECRET")),
        },
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void PrintBanner(GraphEmulatorServer server, EmulatorOptions options, string? certificatePath)
    {
        // The standalone emulator prints the shared app's secret on purpose: it is a throwaway demo credential that exists
        // only in this process, and the demo host needs it.
        Console.WriteLine($"Graph emulator listening on {server.BaseAddress}");
        Console.WriteLine($"  token endpoint : {server.BaseAddress}{{tenant}}/oauth2/v2.0/token");
        Console.WriteLine($"  graph          : {server.BaseAddress}v1.0/  and  {server.BaseAddress}beta/");
        Console.WriteLine($"  control API    : {server.BaseAddress}_emulator/");
        Console.WriteLine($"  certificate    : SHA-1 {server.Certificate.Thumbprint}{(certificatePath is null ? string.Empty : $" (PEM written to {certificatePath})")}");
        Console.WriteLine($"  time scale     : x{options.TimeScale}, clock now {server.Clock.GetUtcNow():O}");
        Console.WriteLine($"Shared app client id     : {server.SharedApp.ClientId}");
        Console.WriteLine($"Shared app client secret : {server.SharedApp.ClientSecret}");
        Console.WriteLine($"Tenants ({server.Control.Tenants().Count}):");
        foreach (var tenant in server.Control.Tenants())
        {
            Console.WriteLine($"  {tenant.Id}  {tenant.Licence,-4} {tenant.EventsPerDay,8:F1}/day  {tenant.DefaultDomain}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
