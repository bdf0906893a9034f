namespace TenantAuditGrid.GraphEmulator;

/// <summary>A query option Graph would refuse with 400; the message is safe to return.</summary>
internal sealed class GraphQueryException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
