namespace TenantAuditGrid.Store.Postgres;

/// <summary>The cluster-mode <see cref="IStoreSchema"/>: the whole PostgreSQL schema, Orleans tables included.</summary>
public sealed class PostgresStoreSchema(string connectionString) : IStoreSchema
{
    public async Task<StoreSchemaResult> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var result = await PostgresSchema.ApplyAsync(connectionString, cancellationToken);
        return new StoreSchemaResult(result.FromVersion, result.ToVersion);
    }
}
