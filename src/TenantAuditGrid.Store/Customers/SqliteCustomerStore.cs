using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Sqlite;
using static TenantAuditGrid.Store.Sqlite.SqliteValues;

namespace TenantAuditGrid.Store.Customers;

/// <summary>Customers in the embedded SQLite file; the same rules as <see cref="PostgresCustomerStore"/>.</summary>
public sealed class SqliteCustomerStore(string databasePath) : ICustomerStore
{
    private const string SelectColumns = "customer_id, display_name, created_at, created_by";

    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public async Task<bool> CreateAsync(CustomerRecord customer, CancellationToken cancellationToken = default)
    {
        CustomerInput.Validate(customer, nameof(customer));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("""
            INSERT INTO customers (customer_id, display_name, created_at, created_by)
            VALUES ($customer_id, $display_name, $created_at, $created_by)
            ON CONFLICT (customer_id) DO NOTHING
            """, connection);
        command.Parameters.Add("$customer_id", customer.CustomerId);
        command.Parameters.Add("$display_name", customer.DisplayName);
        command.Parameters.Add("$created_at", Timestamp(customer.CreatedAt));
        command.Parameters.Add("$created_by", customer.CreatedBy);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<CustomerRecord?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerId(customerId, nameof(customerId));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM customers WHERE customer_id = $customer_id", connection);
        command.Parameters.Add("$customer_id", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM customers ORDER BY customer_id", connection);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            $"UPDATE customers SET display_name = $display_name WHERE customer_id = $customer_id RETURNING {SelectColumns}", connection);
        command.Parameters.Add("$customer_id", customerId);
        command.Parameters.Add("$display_name", displayName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<CustomerDeletion> DeleteAsync(string customerId, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequireCustomerId(customerId, nameof(customerId));
        await using var connection = await OpenAsync(cancellationToken);
        // An immediate transaction takes the write lock first, so no tenant or grant can name the customer between the checks and the deletes.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var exists = new SqliteCommand("SELECT EXISTS (SELECT 1 FROM customers WHERE customer_id = $customer_id)", connection, transaction))
        {
            exists.Parameters.Add("$customer_id", customerId);
            if (!await ExistsAsync(exists, cancellationToken))
            {
                return CustomerDeletion.NotFound;
            }
        }

        await using (var owns = new SqliteCommand("SELECT EXISTS (SELECT 1 FROM tenant_status WHERE customer_id = $customer_id)", connection, transaction))
        {
            owns.Parameters.Add("$customer_id", customerId);
            if (await ExistsAsync(owns, cancellationToken))
            {
                return CustomerDeletion.HasTenants;
            }
        }

        await using var delete = new SqliteCommand("""
            DELETE FROM access_grants WHERE customer_id = $customer_id;
            DELETE FROM customers WHERE customer_id = $customer_id
            """, connection, transaction);
        delete.Parameters.Add("$customer_id", customerId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CustomerDeletion.Deleted;
    }

    private static async Task<bool> ExistsAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;

    private static CustomerRecord Read(SqliteDataReader reader) => new()
    {
        CustomerId = reader.GetString(0),
        DisplayName = reader.GetString(1),
        CreatedAt = ReadTimestamp(reader, 2)!.Value,
        CreatedBy = reader.GetString(3),
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
