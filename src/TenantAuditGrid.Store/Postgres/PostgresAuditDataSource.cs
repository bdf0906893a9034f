using Npgsql;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>
/// The store's own connection pool, wrapped so that registering it does not claim the container's
/// <see cref="NpgsqlDataSource"/> slot (the Host may register its own) and so the container disposes it at shutdown.
/// </summary>
public sealed class PostgresAuditDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// The pool is private to the store, so it can keep session state between uses: connections are not reset on close,
    /// which keeps each session's COPY staging table and prepared statements alive.
    /// </summary>
    public static PostgresAuditDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        return new PostgresAuditDataSource(builder.Build());
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
