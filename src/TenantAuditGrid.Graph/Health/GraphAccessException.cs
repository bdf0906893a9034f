namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// A token request or Graph call failed; <see cref="Failure"/> says how. The message is built from codes only
/// (never from a server's text or any credential), so it is safe to log.
/// </summary>
public sealed class GraphAccessException(GraphAccessFailure failure, Exception? innerException = null)
    : Exception(Describe(failure), innerException)
{
    public GraphAccessFailure Failure { get; } = failure;

    private static string Describe(GraphAccessFailure failure)
    {
        var status = failure.HttpStatus is { } code ? $"HTTP {code}, " : string.Empty;
        var retry = failure.RetryAfter is { } wait ? $", retry after {wait.TotalSeconds:0.###} s" : string.Empty;
        return $"Graph access failed: {failure.Kind} ({status}{failure.ErrorCode}){retry}.";
    }
}
