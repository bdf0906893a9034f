using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Sqlite;
using static TenantAuditGrid.Store.Sqlite.SqliteValues;

namespace TenantAuditGrid.Store.Customers;

/// <summary>Access grants in the embedded SQLite file; the same rules as <see cref="PostgresAccessGrantStore"/>.</summary>
public sealed class SqliteAccessGrantStore(string databasePath) : IAccessGrantStore
{
    private const string SelectColumns = "principal, customer_id, granted_at, granted_by";

    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public async Task SetAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        CustomerInput.Validate(grant, nameof(grant));
        await using var connection = await OpenAsync(cancellationToken);
        // An immediate transaction takes the write lock first, so the granted customers cannot be deleted between the check and the insert.
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (!grant.AllCustomers)
        {
            await RequireCustomersAsync(connection, transaction, grant, cancellationToken);
        }

        await using var replace = new SqliteCommand("""
            DELETE FROM access_grants WHERE principal = $principal;
            INSERT INTO access_grants (principal, customer_id, granted_at, granted_by)
            SELECT $principal, value, $granted_at, $granted_by FROM json_each($customer_ids)
            """, connection, transaction);
        replace.Parameters.Add("$principal", grant.Principal);
        replace.Parameters.Add("$customer_ids", List(AccessGrantRow.CustomerIdsOf(grant)));
        replace.Parameters.Add("$granted_at", Timestamp(grant.GrantedAt));
        replace.Parameters.Add("$granted_by", grant.GrantedBy);
        await replace.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AccessGrant?> GetAsync(string principal, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipal(principal, nameof(principal));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM access_grants WHERE principal = $principal", connection);
        command.Parameters.Add("$principal", principal);
        return (await ReadGrantsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<AccessGrant>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand($"SELECT {SelectColumns} FROM access_grants", connection);
        return await ReadGrantsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessGrant>> ListForAsync(IReadOnlyCollection<string> principals, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipals(principals, nameof(principals));
        if (principals.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            $"SELECT {SelectColumns} FROM access_grants WHERE principal IN (SELECT value FROM json_each($principals))", connection);
        command.Parameters.Add("$principals", List(principals));
        return await ReadGrantsAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string principal, CancellationToken cancellationToken = default)
    {
        CustomerInput.RequirePrincipal(principal, nameof(principal));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand("DELETE FROM access_grants WHERE principal = $principal", connection);
        command.Parameters.Add("$principal", principal);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task RequireCustomersAsync(
        SqliteConnection connection, SqliteTransaction transaction, AccessGrant grant, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(
            "SELECT customer_id FROM customers WHERE customer_id IN (SELECT value FROM json_each($customer_ids))", connection, transaction);
        command.Parameters.Add("$customer_ids", List(grant.CustomerIds));
        await CustomerInput.RequireCustomersExistAsync(command, grant, nameof(grant), cancellationToken);
    }

    private static async Task<List<AccessGrant>> ReadGrantsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AccessGrantRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccessGrantRow(reader.GetString(0), reader.GetString(1), ReadTimestamp(reader, 2)!.Value, reader.GetString(3)));
        }

        return AccessGrantRow.ToGrants(rows);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
