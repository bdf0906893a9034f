using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Budget;

namespace TenantAuditGrid.Grains.Tests.Budget;

/// <summary>
/// A real two-silo Orleans cluster whose product clock is a manually advanced one, so budget windows can be walked through exactly.
/// Orleans' own timers keep the real clock (the product clock is a keyed service; see <see cref="ProductClock"/>).
/// </summary>
public sealed class BudgetClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public GraphBudgetOptions Limits { get; } = new();

    /// <summary>Apps whose budget grain every call fails to reach, as when the grain's silo has just died.</summary>
    public ConcurrentDictionary<string, bool> UnreachableApps { get; } = new(StringComparer.Ordinal);

    private readonly SiloStopping schedulerSilo = new();

    private readonly ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, Clock);
            silo.Services.AddSingleton(Options.Create(Limits));
            silo.Services.AddMetrics().AddSingleton<BudgetMetrics>();
            silo.AddIncomingGrainCallFilter(context =>
                context.InterfaceMethod.DeclaringType == typeof(IGraphBudgetGrain) && UnreachableApps.ContainsKey(context.TargetId.Key.ToString()!)
                    ? throw new SiloUnavailableException("The budget grain's silo is gone (injected by the test).")
                    : context.Invoke());
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// A scheduler as a silo has it, here on the cluster's client, playing a silo of its own: one that never stops unless the test
    /// passes the <paramref name="silo"/> it stops.
    /// </summary>
    public GraphBudgetScheduler NewScheduler(SiloStopping? silo = null, BudgetMetrics? metrics = null, ILogger<GraphBudgetScheduler>? logger = null) =>
        new(Cluster.Client, Options.Create(Limits), Clock, silo ?? schedulerSilo, metrics ?? new BudgetMetrics(meters.GetRequiredService<IMeterFactory>()),
            logger ?? NullLogger<GraphBudgetScheduler>.Instance);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        schedulerSilo.Dispose();
        await meters.DisposeAsync();
    }
}
