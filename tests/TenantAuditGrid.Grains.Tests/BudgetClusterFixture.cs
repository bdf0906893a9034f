using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Grains.Budget;

namespace TenantAuditGrid.Grains.Tests;

/// <summary>
/// A real two-silo Orleans cluster whose product clock is a manually advanced one, so budget windows can be walked through exactly.
/// Orleans' own timers keep the real clock (the product clock is a keyed service; see <see cref="ProductClock"/>).
/// </summary>
public sealed class BudgetClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public GraphBudgetOptions Limits { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, Clock);
            silo.Services.AddSingleton(Options.Create(Limits));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public GraphBudgetScheduler NewScheduler() => new(Cluster.Client, Options.Create(Limits), Clock);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
