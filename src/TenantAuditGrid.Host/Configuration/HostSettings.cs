namespace TenantAuditGrid.Host.Configuration;

/// <summary>The <c>TenantAuditGrid</c> configuration section: appsettings, then environment (<c>TenantAuditGrid__Mode</c>), then command line.</summary>
public sealed class HostSettings
{
    public const string SectionName = "TenantAuditGrid";

    public HostMode Mode { get; set; } = HostMode.Embedded;

    /// <summary>Where embedded mode keeps its SQLite files. Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Starts the in-process Graph emulator with demo tenants and points the Graph clients at it.</summary>
    public bool Demo { get; set; }

    /// <summary>Every library's information lines and the product's debug lines, instead of the quiet defaults (<c>--verbose</c>).</summary>
    public bool VerboseLogging { get; set; }

    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>How long a SIGTERM may take: draining HTTP, leaving membership, deactivating grains.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}

/// <summary>Orleans endpoints and identity. In Kubernetes these come from the downward API (see deploy/k8s).</summary>
public sealed class ClusterSettings
{
    /// <summary>
    /// Orleans' own <c>ClusterMembershipOptions</c> (ProbeTimeout, NumMissedProbesLimit, …), bound from this section in cluster mode.
    /// Unset keys keep Orleans' defaults; tests tighten them to detect a killed silo in seconds.
    /// </summary>
    public const string MembershipSection = "TenantAuditGrid:Cluster:Membership";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Stable across deployments; keys grain state. Defaults to <c>ORLEANS_SERVICE_ID</c>.</summary>
    public string ServiceId { get; set; } = "tenantauditgrid";

    /// <summary>Silos with the same cluster id form one cluster. Defaults to <c>ORLEANS_CLUSTER_ID</c>.</summary>
    public string ClusterId { get; set; } = "tenantauditgrid";

    /// <summary>The silo's name in membership; <c>POD_NAME</c> in Kubernetes.</summary>
    public string? SiloName { get; set; }

    /// <summary>The address other silos dial; <c>POD_IP</c> in Kubernetes, loopback otherwise.</summary>
    public string? AdvertisedAddress { get; set; }
}
