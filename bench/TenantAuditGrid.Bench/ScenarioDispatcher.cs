using System.Diagnostics;

namespace TenantAuditGrid.Bench;

/// <summary>
/// Picks a scenario by name. <c>smoke</c> runs every scenario with <c>--smoke</c>, one after the other in this process,
/// so CI needs one command; it checks completion and correctness (exit codes), never timing.
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

        if (args[0] == "smoke")
        {
            return await RunAllSmokeAsync(scenarios, args[1..]);
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

    private static async Task<int> RunAllSmokeAsync(IReadOnlyList<Scenario> scenarios, string[] extraArgs)
    {
        var worst = 0;
        var summary = new List<string>();
        foreach (var scenario in scenarios)
        {
            Console.Error.WriteLine($"=== {scenario.Name} --smoke");
            var started = Stopwatch.GetTimestamp();
            int exitCode;
            try
            {
                exitCode = await scenario.RunAsync(["--smoke", .. extraArgs]);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine(e);
                exitCode = 1;
            }

            worst = Math.Max(worst, exitCode);
            summary.Add($"{scenario.Name,-10} {(exitCode == 0 ? "ok" : $"FAILED ({exitCode})"),-12} {Stopwatch.GetElapsedTime(started).TotalSeconds,6:F1} s");
        }

        Console.Error.WriteLine("=== smoke summary");
        summary.ForEach(Console.Error.WriteLine);
        return worst;
    }

    private static string Usage(IReadOnlyList<Scenario> scenarios) =>
        "Usage: dotnet run -c Release --project bench/TenantAuditGrid.Bench -- <scenario> [--smoke] [options]\n" +
        "       dotnet run -c Release --project bench/TenantAuditGrid.Bench -- smoke   (every scenario with --smoke, for CI)\n" +
        "       dotnet run -c Release --project bench/TenantAuditGrid.Bench -- <scenario> --help\n" +
        "Scenarios:\n" +
        string.Join('\n', scenarios.Select(s => $"  {s.Name,-10} {s.Description}"));
}
