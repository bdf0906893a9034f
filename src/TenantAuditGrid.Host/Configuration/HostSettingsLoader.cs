using System.Net;
using Orleans.Configuration;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Grains.Sync;
using TenantAuditGrid.Grains.Tenants;
using TenantAuditGrid.Graph;

namespace TenantAuditGrid.Host.Configuration;

/// <summary>
/// Reads and validates <see cref="HostSettings"/> before anything starts, so bad configuration ends the process with one clear line
/// instead of a stack trace from deep inside Orleans or Npgsql.
/// </summary>
public static class HostSettingsLoader
{
    public const string PostgresConnectionStringName = "Postgres";

    public static HostSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(HostSettings.SectionName);
        HostSettings settings;
        try
        {
            settings = section.Get<HostSettings>() ?? new HostSettings();

            // Bound by Orleans itself when the silo starts; binding it here too turns a bad value into one clear line now.
            _ = configuration.GetSection(ClusterSettings.MembershipSection).Get<ClusterMembershipOptions>();

            // Likewise the product's own options, which are bound when the host starts (or later, when first used). A value that is not
            // a number or a duration fails here; one that parses but is out of range fails their ValidateOnStart rules.
            _ = configuration.GetSection(SyncOptions.SectionName).Get<SyncOptions>();
            _ = configuration.GetSection(GraphBudgetOptions.SectionName).Get<GraphBudgetOptions>();
            _ = configuration.GetSection(TenantGrainOptions.SectionName).Get<TenantGrainOptions>();
            _ = configuration.GetSection(GraphEndpointOptions.SectionName).Get<GraphEndpointOptions>();
        }
        catch (InvalidOperationException e)
        {
            throw new HostConfigurationException(DescribeBindingFailure(section, e));
        }

        ApplyKubernetesEnvironment(settings.Cluster, section.GetSection("Cluster"));
        Validate(settings, configuration);
        return settings;
    }

    public static string? PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(PostgresConnectionStringName) is { Length: > 0 } value ? value : null;

    // The Kubernetes manifests and PLATFORM-FACTS use these conventional names; explicit TenantAuditGrid:Cluster keys still win.
    private static void ApplyKubernetesEnvironment(ClusterSettings cluster, IConfigurationSection explicitSection)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

        if (explicitSection["ServiceId"] is null && Env("ORLEANS_SERVICE_ID") is { } serviceId)
        {
            cluster.ServiceId = serviceId;
        }

        if (explicitSection["ClusterId"] is null && Env("ORLEANS_CLUSTER_ID") is { } clusterId)
        {
            cluster.ClusterId = clusterId;
        }

        cluster.SiloName ??= Env("POD_NAME");
        cluster.AdvertisedAddress ??= Env("POD_IP");
    }

    private static void Validate(HostSettings settings, IConfiguration configuration)
    {
        if (!Enum.IsDefined(settings.Mode))
        {
            throw new HostConfigurationException($"TenantAuditGrid:Mode must be Embedded or Cluster, not '{settings.Mode}'");
        }

        CheckPort("TenantAuditGrid:Cluster:SiloPort", settings.Cluster.SiloPort);
        CheckPort("TenantAuditGrid:Cluster:GatewayPort", settings.Cluster.GatewayPort);
        if (settings.Cluster.SiloPort == settings.Cluster.GatewayPort)
        {
            throw new HostConfigurationException("TenantAuditGrid:Cluster:SiloPort and GatewayPort must differ");
        }

        if (settings.ShutdownTimeout <= TimeSpan.Zero)
        {
            throw new HostConfigurationException("TenantAuditGrid:ShutdownTimeout must be positive, e.g. 00:00:30");
        }

        if (settings.Cluster.AdvertisedAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            throw new HostConfigurationException($"TenantAuditGrid:Cluster:AdvertisedAddress (POD_IP) is not an IP address: '{address}'");
        }

        switch (settings.Mode)
        {
            case HostMode.Cluster when PostgresConnectionString(configuration) is null:
                throw new HostConfigurationException(
                    "cluster mode needs a PostgreSQL connection string: set ConnectionStrings__Postgres");
            case HostMode.Cluster when settings.Demo:
                throw new HostConfigurationException(
                    "--demo runs the in-process Graph emulator and is for embedded mode only; cluster demos use docker-compose");
            case HostMode.Embedded when string.IsNullOrWhiteSpace(settings.DataDirectory):
                throw new HostConfigurationException("TenantAuditGrid:DataDirectory must not be empty");
        }
    }

    private static void CheckPort(string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new HostConfigurationException($"{key} must be a TCP port between 1 and 65535, not {port}");
        }
    }

    private static string DescribeBindingFailure(IConfigurationSection section, InvalidOperationException e)
    {
        if (section["Mode"] is { } mode && !Enum.TryParse<HostMode>(mode, ignoreCase: true, out _))
        {
            return $"TenantAuditGrid:Mode must be Embedded or Cluster, not '{mode}'";
        }

        // The binder names the key and the bad value; its inner exception says why. Neither carries a secret: secrets live elsewhere.
        return $"invalid TenantAuditGrid configuration: {e.Message}";
    }
}
