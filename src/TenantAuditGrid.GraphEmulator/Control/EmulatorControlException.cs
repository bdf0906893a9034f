namespace TenantAuditGrid.GraphEmulator;

/// <summary>A control-API request that cannot be carried out; nothing was changed.</summary>
public sealed class EmulatorControlException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
