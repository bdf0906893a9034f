namespace TenantAuditGrid.Bench;

/// <summary>
/// One named benchmark: <see cref="RunAsync"/> gets the arguments after the name (including <c>--smoke</c>) and returns
/// the process exit code (0 = completed with correct counts, 1 = a correctness check failed, 2 = bad arguments).
/// </summary>
internal sealed record Scenario(string Name, string Description, Func<string[], Task<int>> RunAsync);
