using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>The files embedded mode keeps under its data directory; delete the directory to start from scratch.</summary>
public static class EmbeddedPaths
{
    public static string GrainStorage(HostSettings settings) => Path.Combine(settings.DataDirectoryFullPath, "grains.db");

    public static string AuditStore(HostSettings settings) => Path.Combine(settings.DataDirectoryFullPath, "audit.db");

    /// <summary>The bootstrap Admin API key, written owner-only when the first start creates it.</summary>
    public static string AdminApiKey(HostSettings settings) => Path.Combine(settings.DataDirectoryFullPath, "admin-api-key");
}
