using Npgsql;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>
/// The store's own connection pool, wrapped so that registering it does not claim the container's
/// <see cref="NpgsqlDataSource"/> slot (the Host may register its own) and so the container disposes it at shutdown.
/// </summary>
public sealed class PostgresAuditDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
