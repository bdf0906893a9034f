namespace TenantAuditGrid.Store.Query;

/// <summary>
/// A query the gateway cannot answer because of what the caller sent (malformed or unsupported).
/// The message names the problem and is safe to return to the caller; the gateway turns it into 400 with Graph's error body.
/// </summary>
public sealed class QueryValidationException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Graph's error code for the response body.</summary>
    public string Code { get; } = "BadRequest";
}
