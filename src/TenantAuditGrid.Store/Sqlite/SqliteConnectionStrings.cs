using Microsoft.Data.Sqlite;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>The one place that builds SQLite connection strings, so every component opens its file the same way.</summary>
internal static class SqliteConnectionStrings
{
    public static string ForFile(string databasePath)
    {
        if (string.IsNullOrWhiteSpace(databasePath))
        {
            throw new ArgumentException("A SQLite database path is required.", nameof(databasePath));
        }

        // Pooled connections keep the WAL file mapped; the default 30 s command timeout doubles as the busy timeout
        // that Microsoft.Data.Sqlite retries within when another connection holds the write lock.
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
