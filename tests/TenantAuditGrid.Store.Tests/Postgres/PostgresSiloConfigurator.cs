using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace TenantAuditGrid.Store.Tests.Postgres;

/// <summary>Silos of the test cluster: ADO.NET clustering, default grain storage and reminders, all on the test database.</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "TagTestPostgres";

    public const string DeleteOnClearStorage = "delete-on-clear";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"{ConnectionStringKey} is missing from the test cluster configuration.");
        siloBuilder
            .UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(DeleteOnClearStorage, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = true;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            })
            .UseSystemTextJsonGrainStorageSerializer()
            .Configure<ClusterMembershipOptions>(o =>
            {
                // Tight liveness so a killed silo is declared dead in a few seconds rather than tens.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            });
        siloBuilder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}

/// <summary>The test cluster's client finds gateways through the same membership table.</summary>
public sealed class PostgresClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, Orleans.Hosting.IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = configuration[PostgresSiloConfigurator.ConnectionStringKey];
        });
}
