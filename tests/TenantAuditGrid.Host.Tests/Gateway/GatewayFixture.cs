using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>Seeded events in a real database and the gateway over them.</summary>
public abstract class GatewayFixture(string kind) : IAsyncLifetime
{
    public const int Seed = 777;
    private TestStore? store;
    private GatewayHost? host;

    public TestStore Store => store!;

    public GatewayHost Host => host!;

    public IReadOnlyList<string> Tenants { get; private set; } = [];

    public IReadOnlyList<GeneratedEvent> Events { get; private set; } = [];

    public async Task InitializeAsync()
    {
        store = await TestStore.CreateAsync(kind, "gateway");
        var generator = new AuditEventGenerator(Seed);
        Tenants = generator.Tenants(4);
        Events = generator.Events(Tenants, 120);
        await store.InsertAsync(Events);
        host = await GatewayHost.StartAsync(store);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }
}

public sealed class PostgresGatewayFixture() : GatewayFixture("postgres");

public sealed class SqliteGatewayFixture() : GatewayFixture("sqlite");
