using Npgsql;
using static TenantAuditGrid.Store.Postgres.PostgresAuditStore;

namespace TenantAuditGrid.Store.SessionKeys;

/// <summary>The session key ring on PostgreSQL, shared by every silo of the cluster.</summary>
public sealed class PostgresSessionKeyStore(NpgsqlDataSource dataSource) : ISessionKeyStore
{
    public IReadOnlyList<string> ListElements()
    {
        using var command = dataSource.CreateCommand("SELECT element FROM session_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    public void Add(string name, string element)
    {
        StoreInput.RequireText(name, nameof(name), nameof(name));
        StoreInput.RequireText(element, nameof(element), nameof(element));
        using var command = dataSource.CreateCommand("INSERT INTO session_keys (name, element) VALUES (@name, @element) ON CONFLICT (name) DO NOTHING");
        command.Parameters.Add(Text("name", name));
        command.Parameters.Add(Text("element", element));
        command.ExecuteNonQuery();
    }
}
