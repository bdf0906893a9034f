namespace TenantAuditGrid.Host.Configuration;

/// <summary>Configuration the host cannot start with. Its message is printed as the one-line reason for exiting.</summary>
public sealed class HostConfigurationException(string message) : Exception(message);
