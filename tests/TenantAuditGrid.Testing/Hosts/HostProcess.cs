using System.Collections.Concurrent;
using System.Diagnostics;

namespace TenantAuditGrid.Testing.Hosts;

/// <summary>
/// A real TenantAuditGrid.Host process, started the way an operator starts it (<c>dotnet TenantAuditGrid.Host.dll …</c>), with its
/// output captured for assertions. Disposing kills it if it is still running.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> standardOutput = new();
    private readonly ConcurrentQueue<string> standardError = new();
    private readonly ConcurrentQueue<TimedLine> timedOutput = new();

    private HostProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                standardOutput.Enqueue(e.Data);
                timedOutput.Enqueue(new TimedLine(DateTimeOffset.UtcNow, e.Data));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { standardError.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public IReadOnlyList<string> StandardOutput => [.. standardOutput];

    public IReadOnlyList<string> StandardError => [.. standardError];

    /// <summary>Standard output lines with the instant this process received each one, for tests that time what the host reports.</summary>
    public IReadOnlyList<TimedLine> TimedStandardOutput => [.. timedOutput];

    public bool HasExited => process.HasExited;

    public string AllOutput => string.Join('\n', StandardOutput.Concat(StandardError));

    /// <summary>Standard output lines the host logged at Error or Critical.</summary>
    public IReadOnlyList<string> FailureLines => [.. standardOutput.Where(IsFailure)];

    /// <summary>
    /// Whether a console line is an Error or Critical entry, in either of the host's formats: embedded mode's one-line text
    /// (<c>12:00:00 fail: Category[1] message</c>) or cluster mode's JSON lines (<c>"LogLevel":"Error"</c>).
    /// </summary>
    public static bool IsFailure(string line)
    {
        if (line.StartsWith('{'))
        {
            return line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal);
        }

        var text = line.Length > 9 && line[2] == ':' && line[5] == ':' && line[8] == ' ' ? line[9..] : line;
        return text.StartsWith("fail:", StringComparison.Ordinal) || text.StartsWith("crit:", StringComparison.Ordinal);
    }

    /// <summary>The Host assembly copied next to the test assembly by the project reference.</summary>
    public static string HostAssemblyPath => Path.Combine(AppContext.BaseDirectory, "TenantAuditGrid.Host.dll");

    public static HostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(HostAssemblyPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The test runner's own environment must not leak a mode or connection string into the host under test.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("TenantAuditGrid__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        return new HostProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Polls a URL until it answers 200, the process exits, or the timeout passes.</summary>
    public async Task WaitUntilOkAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"host exited with {process.ExitCode} before {url} answered:\n{AllOutput}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer (a loaded machine); ask again until the overall timeout.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout}:\n{AllOutput}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        process.WaitForExit(); // flushes the asynchronous output readers
        return process.ExitCode;
    }

    /// <summary>What Kubernetes sends on pod deletion: SIGTERM, a graceful stop.</summary>
    public void SendTerminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>A crash: SIGKILL, no chance to leave membership.</summary>
    public void KillHard() => process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

/// <summary>One line of a host's output and when the test received it.</summary>
public sealed record TimedLine(DateTimeOffset At, string Text);
