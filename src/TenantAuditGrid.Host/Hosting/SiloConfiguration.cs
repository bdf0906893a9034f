using System.Net;
using Orleans.Configuration;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>The silo for each mode. Everything mode-specific about Orleans lives here, so the two modes cannot drift apart silently.</summary>
public static class SiloConfiguration
{
    private const string AdoNetInvariant = "Npgsql";

    public static void Configure(ISiloBuilder silo, HostSettings settings, string? postgresConnectionString)
    {
        // Plain JSON state rows, decided before the first deployment: the default Newtonsoft serializer writes assembly-qualified
        // $type names, so moving a state type between assemblies would strand every stored row.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.AddActivityPropagation(); // one trace from the gateway call through every grain it reaches
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));

        if (settings.Mode == HostMode.Embedded)
        {
            ConfigureEmbedded(silo, settings);
        }
        else
        {
            ConfigureCluster(silo, settings, postgresConnectionString!);
        }
    }

    private static void ConfigureEmbedded(ISiloBuilder silo, HostSettings settings)
    {
        silo.UseLocalhostClustering(
            siloPort: settings.Cluster.SiloPort,
            gatewayPort: settings.Cluster.GatewayPort,
            serviceId: settings.Cluster.ServiceId,
            clusterId: "embedded");
        silo.AddSqliteGrainStorageAsDefault(o => o.DatabasePath = EmbeddedPaths.GrainStorage(settings));
        silo.UseInMemoryReminderService();
    }

    private static void ConfigureCluster(ISiloBuilder silo, HostSettings settings, string connectionString)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = settings.Cluster.ServiceId;
            o.ClusterId = settings.Cluster.ClusterId;
        });
        if (settings.Cluster.SiloName is { } siloName)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = siloName);
        }

        var advertised = settings.Cluster.AdvertisedAddress is { } address ? IPAddress.Parse(address) : IPAddress.Loopback;
        silo.ConfigureEndpoints(advertised, settings.Cluster.SiloPort, settings.Cluster.GatewayPort, listenOnAnyHostAddress: true);

        // Failure detection (how fast a silo that died without leaving is declared dead) is tunable; the defaults are Orleans'.
        silo.Services.Configure<ClusterMembershipOptions>(silo.Configuration.GetSection(ClusterSettings.MembershipSection));

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
    }
}
