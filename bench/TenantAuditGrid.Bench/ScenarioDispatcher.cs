using System.Diagnostics;

namespace TenantAuditGrid.Bench;

/// <summary>
/// Picks a scenario by name. <c>smoke</c> runs every scenario with <c>--smoke</c>, one after the other in this process,
/// so CI needs one command; it checks completion and correctness (exit codes), never timing. <c>all</c> runs every scenario at full size
/// the same way, so docs/benchmarks.md can hold one run's tables: options shared by all (<c>--append</c>, <c>--postgres</c>) pass to each,
/// and <c>--SCENARIO.option value</c> passes <c>--option value</c> to that scenario only.
/// </summary>
internal static class ScenarioDispatcher
{
    public static async Task<int> RunAsync(IReadOnlyList<Scenario> scenarios, string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.Error.WriteLine(Usage(scenarios));
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] is "smoke" or "all")
        {
            try
            {
                return await RunEachAsync(scenarios, args[1..], smoke: args[0] == "smoke");
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"{e.Message}\n{Usage(scenarios)}");
                return 2;
            }
        }

        var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
        if (scenario is null)
        {
            Console.Error.WriteLine($"Unknown scenario '{args[0]}'.\n{Usage(scenarios)}");
            return 2;
        }

        try
        {
            return await scenario.RunAsync(args[1..]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage(scenarios)}");
            return 2;
        }
    }

    private static async Task<int> RunEachAsync(IReadOnlyList<Scenario> scenarios, string[] extraArgs, bool smoke)
    {
        var perScenario = SplitArguments(scenarios, extraArgs);
        var worst = 0;
        var summary = new List<string>();
        foreach (var scenario in scenarios)
        {
            string[] args = smoke ? ["--smoke", .. perScenario[scenario.Name]] : [.. perScenario[scenario.Name]];
            Console.Error.WriteLine($"=== {scenario.Name} {string.Join(' ', args)}");
            var started = Stopwatch.GetTimestamp();
            int exitCode;
            try
            {
                exitCode = await scenario.RunAsync(args);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e);
                exitCode = 1;
            }

            worst = Math.Max(worst, exitCode);
            summary.Add($"{scenario.Name,-10} {(exitCode == 0 ? "ok" : $"FAILED ({exitCode})"),-12} {Stopwatch.GetElapsedTime(started).TotalSeconds,6:F1} s");
        }

        Console.Error.WriteLine($"=== {(smoke ? "smoke" : "all")} summary");
        summary.ForEach(Console.Error.WriteLine);
        return worst;
    }

    /// <summary><c>--name value</c> goes to every scenario; <c>--scenario.name value</c> to that scenario alone.</summary>
    private static Dictionary<string, List<string>> SplitArguments(IReadOnlyList<Scenario> scenarios, string[] args)
    {
        var perScenario = scenarios.ToDictionary(s => s.Name, _ => new List<string>(), StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unknown or incomplete option '{args[i]}'.");
            }

            var name = args[i][2..];
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                perScenario.Values.ToList().ForEach(list => list.AddRange([args[i], args[i + 1]]));
            }
            else if (perScenario.TryGetValue(name[..dot], out var list))
            {
                list.AddRange(["--" + name[(dot + 1)..], args[i + 1]]);
            }
            else
            {
                throw new ArgumentException($"'{args[i]}' names no scenario.");
            }
        }

        return perScenario;
    }

    private static string Usage(IReadOnlyList<Scenario> scenarios) =>
        "Usage: dotnet run -c Release --project bench/TenantAuditGrid.Bench -- <scenario> [--smoke] [options]\n" +
        "       dotnet run -c Release --project bench/TenantAuditGrid.Bench -- smoke   (every scenario with --smoke, for CI)\n" +
        "       dotnet run -c Release --project bench/TenantAuditGrid.Bench -- all [--append FILE] [--SCENARIO.option value]…   (every scenario, full size)\n" +
        "       dotnet run -c Release --project bench/TenantAuditGrid.Bench -- <scenario> --help\n" +
        "Scenarios:\n" +
        string.Join('\n', scenarios.Select(s => $"  {s.Name,-10} {s.Description}"));
}
