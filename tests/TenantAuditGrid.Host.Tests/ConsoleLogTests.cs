using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// Embedded mode is read by a person at a terminal. The README's first command must fit its first minute on one screen, and the
/// detail that quiet defaults leave out must come back when asked for.
/// </summary>
public sealed class ConsoleLogTests : IDisposable
{
    private const int ScreenLines = 40;
    private static readonly TimeSpan FirstMinute = TimeSpan.FromMinutes(1);
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-console-").FullName;

    [Fact]
    public async Task The_demo_prints_at_most_40_lines_in_its_first_minute_and_names_every_emulated_tenant()
    {
        await using var truth = await GraphEmulatorServer.StartAsync(DemoEnvironment.EmulatorOptions());
        var tenants = truth.Control.Tenants().Select(t => t.DisplayName).ToList();
        var started = DateTimeOffset.UtcNow;
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory, ["--demo"]);
        var left = started + FirstMinute - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        List<string> lines =
        [
            .. host.Process.TimedStandardOutput.Where(line => line.At <= started + FirstMinute).Select(line => line.Text),
            .. host.Process.StandardError,
        ];
        var screen = string.Join('\n', lines);
        Assert.True(lines.Count <= ScreenLines, $"{lines.Count} lines in the first minute:\n{screen}");
        Assert.Contains(lines, line => line.StartsWith($"TenantAuditGrid demo: embedded mode, {tenants.Count} emulated tenants, data in ", StringComparison.Ordinal));
        Assert.All(tenants, name => Assert.Contains(lines, line => line.StartsWith($"  {name} ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.Contains(" info: Orleans.", StringComparison.Ordinal) || line.Contains(" info: Polly", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("--Logging:LogLevel:Orleans=Information")]
    public async Task Verbose_or_a_logging_key_brings_back_the_information_lines_of_Orleans(string argument)
    {
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory, [argument]);

        // Orleans logs its silo start before the host answers ready; the console writes from a queue, so the line may trail a little.
        await Waits.UntilAsync(
            () => Task.FromResult(host.Process.StandardOutput.Any(line => line.Contains(" info: Orleans.Runtime.Silo", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10),
            $"an Orleans information line with {argument}");
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
