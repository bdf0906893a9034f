namespace TenantAuditGrid.Store.Query;

/// <summary>
/// What <see cref="FilterSqlTranslator"/> needs to know about the table behind an entity type: which Graph property paths have a
/// column of their own (the rest are read from the stored Graph JSON), and which string properties are keys compared exactly.
/// </summary>
/// <param name="TypeName">The EDM type name, for error messages (e.g. microsoft.graph.directoryAudit).</param>
/// <param name="ColumnsByPath">Graph property path (slash-separated) → column.</param>
/// <param name="Payload">The column holding the Graph JSON.</param>
/// <param name="IndexedArrayCollections">Top-level collections the dialect has a containment index for (see <see cref="SqlDialect.ArrayContainsHint"/>).</param>
public sealed record FilterTarget(
    string TypeName,
    IReadOnlyDictionary<string, AuditColumn> ColumnsByPath,
    string Payload,
    IReadOnlySet<string> IndexedArrayCollections)
{
    /// <summary>Keys compare exactly: tenant ids are normalized GUIDs and ids are the store's keys. Every other string ignores case, as Graph does.</summary>
    public static IReadOnlySet<string> ExactStringPaths { get; } = new HashSet<string>(StringComparer.Ordinal) { "id", "tenantId" };

    public static FilterTarget DirectoryAudits { get; } = new(
        "microsoft.graph.directoryAudit", AuditEventTable.ColumnsByPath, AuditEventTable.Payload, new HashSet<string>(StringComparer.Ordinal) { "targetResources" });

    public static FilterTarget SecurityActions { get; } = new(
        "microsoft.graph.securityAction", SecurityActionTable.ColumnsByPath, SecurityActionTable.Payload, new HashSet<string>(StringComparer.Ordinal));
}
