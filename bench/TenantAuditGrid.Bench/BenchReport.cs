using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TenantAuditGrid.Bench;

/// <summary>
/// A scenario's result as markdown: a header with the date, machine, load average and exact command, then the scenario's table and
/// notes. Printed always; appended to a file (docs/benchmarks.md) with <c>--append FILE</c>.
/// </summary>
internal sealed class BenchReport(string title, ScenarioArguments arguments)
{
    private readonly StringBuilder body = new();

    public static CultureInfo Invariant => CultureInfo.InvariantCulture;

    public BenchReport Line(string text)
    {
        body.AppendLine(text);
        return this;
    }

    public BenchReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        body.AppendLine("| " + string.Join(" | ", header) + " |");
        body.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            body.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        body.AppendLine();
        return this;
    }

    public async Task PublishAsync()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"### {title} ({(arguments.Smoke ? "smoke" : "run")} of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(Invariant, $"Command: `{arguments.Command}`  ");
        text.AppendLine(Invariant, $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; " +
                                   $"load average (1/5/15 min) {arguments.LoadAtStart} at the start, {LoadAverage()} at the end");
        text.AppendLine();
        text.Append(body);
        var markdown = text.ToString();
        Console.WriteLine(markdown);
        if (arguments.AppendTo is { } path)
        {
            await File.AppendAllTextAsync(path, Environment.NewLine + markdown);
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
