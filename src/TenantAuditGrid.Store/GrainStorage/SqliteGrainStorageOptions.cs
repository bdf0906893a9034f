using Orleans;
using Orleans.Storage;

namespace TenantAuditGrid.Store.GrainStorage;

/// <summary>Options of one named <see cref="SqliteGrainStorage"/> provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Path of the SQLite database file; created (with its directory) when missing.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// Like <c>AdoNetGrainStorageOptions.DeleteStateOnClear</c>: when false (the default, as in the ADO.NET provider) a clear keeps the
    /// row with an empty payload and a new version, so a stale writer holding the old ETag still conflicts; when true the row is deleted.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>Silo lifecycle stage at which the table is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Filled from the silo's <see cref="IGrainStorageSerializer"/> when not set explicitly.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
