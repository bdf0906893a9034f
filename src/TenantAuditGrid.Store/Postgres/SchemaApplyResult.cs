namespace TenantAuditGrid.Store.Postgres;

/// <summary>What one schema application did: the version found, the version left, and the migrations it ran (none when up to date).</summary>
public sealed record SchemaApplyResult(int FromVersion, int ToVersion, IReadOnlyList<string> AppliedMigrations)
{
    public bool Changed => ToVersion != FromVersion;
}
