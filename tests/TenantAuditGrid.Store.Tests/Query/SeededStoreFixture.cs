using System.Security.Cryptography;
using TenantAuditGrid.Store.Query;

using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>A real database of one kind, filled with seeded events across several tenants, plus the query layer over it.</summary>
public abstract class SeededStoreFixture(string kind) : IAsyncLifetime
{
    public const int Seed = 20261122;
    public const int TenantCount = 6;
    public const int EventsPerTenant = 150;

    private TestStore? store;

    public TestStore Store => store ?? throw new InvalidOperationException("not initialized");

    public IReadOnlyList<string> Tenants { get; private set; } = [];

    public IReadOnlyList<GeneratedEvent> Events { get; private set; } = [];

    public SkipTokenProtector SkipTokens { get; } = new(RandomNumberGenerator.GetBytes(32));

    public AuditQueryParser Parser => new(Store.Database.Dialect, SkipTokens);

    public AuditQueryService Service => new(Store.Database);

    public async Task InitializeAsync()
    {
        store = await TestStore.CreateAsync(kind, "queryfilters");
        var generator = new AuditEventGenerator(Seed);
        Tenants = generator.Tenants(TenantCount);
        Events = generator.Events(Tenants, EventsPerTenant);
        await store.InsertAsync(Events);
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }
}

public sealed class PostgresSeededStoreFixture() : SeededStoreFixture("postgres");

public sealed class SqliteSeededStoreFixture() : SeededStoreFixture("sqlite");
