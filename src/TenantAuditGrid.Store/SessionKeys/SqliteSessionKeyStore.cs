using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Sqlite;

namespace TenantAuditGrid.Store.SessionKeys;

/// <summary>The session key ring in the embedded SQLite file; the same rules as <see cref="PostgresSessionKeyStore"/>.</summary>
public sealed class SqliteSessionKeyStore(string databasePath) : ISessionKeyStore
{
    private readonly string connectionString = SqliteConnectionStrings.ForFile(databasePath);

    public IReadOnlyList<string> ListElements()
    {
        using var connection = Open();
        using var command = new SqliteCommand("SELECT element FROM session_keys ORDER BY created_at, name", connection);
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
        using var connection = Open();
        using var command = new SqliteCommand("INSERT INTO session_keys (name, element) VALUES ($name, $element) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.Add("$name", name);
        command.Parameters.Add("$element", element);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
