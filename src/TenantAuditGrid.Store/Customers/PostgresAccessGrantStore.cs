using Npgsql;
using static TenantAuditGrid.Store.Postgres.PostgresAuditStore;

namespace TenantAuditGrid.Store.Customers;

/// <summary>Access grants on PostgreSQL, shared by every silo of the cluster.</summary>
public sealed class PostgresAccessGrantStore(NpgsqlDataSource dataSource) : IAccessGrantStore
{
    private const string SelectColumns = "principal, customer_id, granted_at, granted_by";

    public async Task SetAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        CustomerInput.Validate(grant, nameof(grant));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two replacements of one principal's grant would each delete only the rows committed before them and then collide on the
        // primary key; the lock queues them, so the later one wins whole.
        await using (var lockPrincipal = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@principal, 0))", connection, transaction))
        {
            lockPrincipal.Parameters.Add(Text("principal", grant.Principal));
            await lockPrincipal.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!grant.AllCustomers)
        {
            await RequireCustomersAsync(connection, transaction, grant, cancellationToken);
        }

        await using var replace = new NpgsqlCommand("""
            DELETE FROM access_grants WHERE principal = @principal;
            INSERT INTO access_grants (principal, customer_id, granted_at, granted_by)
            SELECT @principal, customer_id, @granted_at, @granted_by FROM unnest(@customer_ids) AS customer_id
            """, connection, transaction);
        replace.Parameters.Add(Text("principal", grant.Principal));
        replace.Parameters.Add(TextArray("customer_ids", AccessGrantRow.CustomerIdsOf(grant)));
        replace.Parameters.Add(Timestamp("granted_at", grant.GrantedAt));
        replace.Parameters.Add(Text("granted_by", grant.GrantedBy));
        await replace.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AccessGrant?> GetAsync(string principal, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipal(principal, nameof(principal));
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM access_grants WHERE principal = @principal");
        command.Parameters.Add(Text("principal", principal));
        return (await ReadGrantsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<AccessGrant>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM access_grants");
        return await ReadGrantsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessGrant>> ListForAsync(IReadOnlyCollection<string> principals, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipals(principals, nameof(principals));
        if (principals.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM access_grants WHERE principal = ANY(@principals)");
        command.Parameters.Add(TextArray("principals", principals));
        return await ReadGrantsAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string principal, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipal(principal, nameof(principal));
        await using var command = dataSource.CreateCommand("DELETE FROM access_grants WHERE principal = @principal");
        command.Parameters.Add(Text("principal", principal));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    // FOR SHARE keeps the granted customers from being deleted until this grant commits (see PostgresCustomerStore.DeleteAsync).
    private static async Task RequireCustomersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AccessGrant grant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT customer_id FROM customers WHERE customer_id = ANY(@customer_ids) FOR SHARE", connection, transaction);
        command.Parameters.Add(TextArray("customer_ids", grant.CustomerIds));
        await CustomerInput.RequireCustomersExistAsync(command, grant, nameof(grant), cancellationToken);
    }

    private static async Task<List<AccessGrant>> ReadGrantsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AccessGrantRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccessGrantRow(reader.GetString(0), reader.GetString(1), NullableTimestamp(reader, 2)!.Value, reader.GetString(3)));
        }

        return AccessGrantRow.ToGrants(rows);
    }
}
