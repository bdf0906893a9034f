namespace TenantAuditGrid.Host.Configuration;

/// <summary>How the one executable runs: a self-contained laptop process, or one silo of a PostgreSQL-backed cluster.</summary>
public enum HostMode
{
    /// <summary>A single silo with localhost clustering; grain state and the audit store in SQLite files under the data directory.</summary>
    Embedded,

    /// <summary>An Orleans cluster member: ADO.NET clustering, grain storage and reminders plus the audit store, all on PostgreSQL.</summary>
    Cluster,
}
