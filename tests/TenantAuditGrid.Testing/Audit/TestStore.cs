using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Mapping;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>
/// A real database (PostgreSQL or SQLite) with the audit store's own schema (its <see cref="IStoreSchema"/>), filled through
/// the audit store's own writer (<see cref="IAuditStore"/>), exactly as ingestion fills it.
/// </summary>
public abstract class TestStore : IAsyncDisposable
{
    private ServiceProvider? services;

    public abstract string Name { get; }

    public abstract AuditQueryDatabase Database { get; }

    public IAuditStore AuditStore => services!.GetRequiredService<IAuditStore>();

    public static async Task<TestStore> CreateAsync(string kind, string purpose) => kind switch
    {
        "postgres" => await PostgresTestStore.CreatePostgresAsync(purpose),
        "sqlite" => await SqliteTestStore.CreateSqliteAsync(purpose),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task InsertAsync(IEnumerable<GeneratedEvent> events, CancellationToken cancellationToken = default)
    {
        var records = events.Select(e => DirectoryAuditMapper.FromGraph(e.TenantId, e.Json)).ToList();
        var written = await AuditStore.WriteDirectoryAuditsAsync(records, cancellationToken);
        if (written != records.Count)
        {
            throw new InvalidOperationException($"The audit store kept {written} of {records.Count} events; the test data has duplicates.");
        }
    }

    public async Task InsertSecurityActionAsync(string tenantId, string id, JsonObject payload, CancellationToken cancellationToken = default)
    {
        payload["id"] = id;
        var record = SecurityActionMapper.FromGraph(tenantId, JsonSerializer.SerializeToElement(payload));
        await AuditStore.UpsertSecurityActionsAsync([record], cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    protected async Task StartStoreAsync(Action<IServiceCollection> register)
    {
        var collection = new ServiceCollection();
        register(collection);
        services = collection.BuildServiceProvider();
        await services.GetRequiredService<IStoreSchema>().ApplyAsync(CancellationToken.None);
    }
}
