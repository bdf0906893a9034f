using Npgsql;
using static TenantAuditGrid.Store.Postgres.PostgresAuditStore;

namespace TenantAuditGrid.Store.Customers;

/// <summary>Customers on PostgreSQL, shared by every silo of the cluster.</summary>
public sealed class PostgresCustomerStore(NpgsqlDataSource dataSource) : ICustomerStore
{
    private const string SelectColumns = "customer_id, display_name, created_at, created_by";

    public async Task<bool> CreateAsync(CustomerRecord customer, CancellationToken cancellationToken = default)
    {
        CustomerInput.Validate(customer, nameof(customer));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO customers (customer_id, display_name, created_at, created_by)
            VALUES (@customer_id, @display_name, @created_at, @created_by)
            ON CONFLICT (customer_id) DO NOTHING
            """);
        command.Parameters.Add(Text("customer_id", customer.CustomerId));
        command.Parameters.Add(Text("display_name", customer.DisplayName));
        command.Parameters.Add(Timestamp("created_at", customer.CreatedAt));
        command.Parameters.Add(Text("created_by", customer.CreatedBy));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<CustomerRecord?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerId(customerId, nameof(customerId));
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM customers WHERE customer_id = @customer_id");
        command.Parameters.Add(Text("customer_id", customerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SelectColumns} FROM customers ORDER BY customer_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var customers = new List<CustomerRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            customers.Add(Read(reader));
        }

        return customers;
    }

    public async Task<CustomerRecord?> RenameAsync(string customerId, string displayName, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerId(customerId, nameof(customerId));
        CustomerInput.RequireDisplayName(displayName, nameof(displayName));
        await using var command = dataSource.CreateCommand(
            $"UPDATE customers SET display_name = @display_name WHERE customer_id = @customer_id RETURNING {SelectColumns}");
        command.Parameters.Add(Text("customer_id", customerId));
        command.Parameters.Add(Text("display_name", displayName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<CustomerDeletion> DeleteAsync(string customerId, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerId(customerId, nameof(customerId));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The row lock waits for grant writers that hold the customer FOR SHARE (PostgresAccessGrantStore.SetAsync), so a grant of this
        // customer committed meanwhile is seen, and removed, by the DELETE below rather than outliving the customer.
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM customers WHERE customer_id = @customer_id FOR UPDATE", connection, transaction))
        {
            exists.Parameters.Add(Text("customer_id", customerId));
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return CustomerDeletion.NotFound;
            }
        }

        await using (var owns = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM tenant_status WHERE customer_id = @customer_id)", connection, transaction))
        {
            owns.Parameters.Add(Text("customer_id", customerId));
            if ((bool)(await owns.ExecuteScalarAsync(cancellationToken))!)
            {
                return CustomerDeletion.HasTenants;
            }
        }

        await using var delete = new NpgsqlCommand("""
            DELETE FROM access_grants WHERE customer_id = @customer_id;
            DELETE FROM customers WHERE customer_id = @customer_id
            """, connection, transaction);
        delete.Parameters.Add(Text("customer_id", customerId));
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CustomerDeletion.Deleted;
    }

    private static CustomerRecord Read(NpgsqlDataReader reader) => new()
    {
        CustomerId = reader.GetString(0),
        DisplayName = reader.GetString(1),
        CreatedAt = NullableTimestamp(reader, 2)!.Value,
        CreatedBy = reader.GetString(3),
    };
}
