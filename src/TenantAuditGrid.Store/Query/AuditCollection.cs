using Microsoft.OData.Edm;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// A Graph collection the gateway serves from the audit store: its Graph name and type, the table behind it, which Graph property
/// paths have a column of their own (the rest are read from the stored Graph JSON), and the property its pages run on. Everything
/// the read path does (parsing, the visible rows, paging, counting, lookups by id, the Graph response) is driven by this
/// description, so a new collection is one more instance plus its routes.
/// </summary>
public sealed class AuditCollection
{
    /// <summary>directoryAudits pulled from Graph v1.0 (the <c>audit_events</c> rows of source <see cref="AuditSources.Graph"/>).</summary>
    public static AuditCollection DirectoryAudits { get; } = new()
    {
        GraphVersion = "v1.0",
        ContextPath = "auditLogs/directoryAudits",
        Name = GraphEdmModel.DirectoryAuditsSetName,
        EntityName = "directoryAudit",
        Table = AuditEventTable.Name,
        Source = AuditSources.Graph,
        ColumnsByPath = AuditEventTable.ColumnsByPath,
        PayloadColumn = AuditEventTable.Payload,
        SortProperty = "activityDateTime",
        Orderable = true,
        Selectable = true,
        Exportable = true,
        IndexedArrayCollections = new HashSet<string>(StringComparer.Ordinal) { "targetResources" },
    };

    /// <summary>beta securityActions, newest first; those Graph returned without a createdDateTime come last.</summary>
    public static AuditCollection SecurityActions { get; } = new()
    {
        GraphVersion = "beta",
        ContextPath = "security/securityActions",
        Name = GraphEdmModel.SecurityActionsSetName,
        EntityName = "securityAction",
        Table = SecurityActionTable.Name,
        ColumnsByPath = SecurityActionTable.ColumnsByPath,
        PayloadColumn = SecurityActionTable.Payload,
        SortProperty = "createdDateTime",

        // Pages ran in (tenantId, id) order before 23 Nov 2026; a token cut for that order is refused rather than resumed in this one.
        KeysetName = "securityActions/v2",
    };

    /// <summary>Keys compare exactly: tenant ids are normalized GUIDs and ids are the store's keys. Every other string ignores case, as Graph does.</summary>
    public static IReadOnlySet<string> ExactStringPaths { get; } = new HashSet<string>(StringComparer.Ordinal) { "id", "tenantId" };

    /// <summary>The Graph version of the route, as in <c>/graph/{version}/…</c>.</summary>
    public required string GraphVersion { get; init; }

    /// <summary>The path below the service root, as in <c>@odata.context</c> (<c>$metadata#auditLogs/directoryAudits</c>).</summary>
    public required string ContextPath { get; init; }

    /// <summary>The entity set's name, as in URLs and messages (directoryAudits).</summary>
    public required string Name { get; init; }

    /// <summary>The entity type's name in the microsoft.graph namespace (directoryAudit).</summary>
    public required string EntityName { get; init; }

    public required string Table { get; init; }

    /// <summary>The value of the table's <c>source</c> column this collection reads, or null when the table holds one source only.</summary>
    public string? Source { get; init; }

    /// <summary>Graph property path (slash-separated) → column; it always has <c>id</c> and <c>tenantId</c>, the row's key.</summary>
    public required IReadOnlyDictionary<string, AuditColumn> ColumnsByPath { get; init; }

    /// <summary>The column holding the Graph JSON.</summary>
    public required string PayloadColumn { get; init; }

    /// <summary>The date-time property pages run on (ties broken by tenantId, then id); rows where it is null come after the rest.</summary>
    public required string SortProperty { get; init; }

    /// <summary>Whether <c>$orderby</c> may reverse the order (on <see cref="SortProperty"/> only).</summary>
    public bool Orderable { get; init; }

    /// <summary>Whether <c>$select</c> may pick top-level properties.</summary>
    public bool Selectable { get; init; }

    /// <summary>Whether the list streams as CSV or NDJSON when asked (<c>$format</c> or Accept).</summary>
    public bool Exportable { get; init; }

    /// <summary>Top-level collections the dialect has a containment index for (see <see cref="SqlDialect.ArrayContainsHint"/>).</summary>
    public IReadOnlySet<string> IndexedArrayCollections { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Names the order a <c>$skiptoken</c> walks; a new name refuses the tokens cut for an older order.</summary>
    public string KeysetName { get; init; } = string.Empty;

    /// <summary>The EDM type name, for error messages (e.g. microsoft.graph.directoryAudit).</summary>
    public string TypeName => $"{GraphEdmModel.GraphNamespace}.{EntityName}";

    // Looked up when a query is parsed, not when routes are mapped: the model loads on first use (about 190 ms), as it always has.
    public IEdmEntityType EntityType => (IEdmEntityType)GraphEdmModel.Model.FindDeclaredType(TypeName)!;

    public IEdmEntitySet EntitySet => GraphEdmModel.Model.EntityContainer.FindEntitySet(Name);

    public string TenantColumn => ColumnsByPath["tenantId"].Name;

    public string IdColumn => ColumnsByPath["id"].Name;

    public AuditColumn SortColumn => ColumnsByPath[SortProperty];

    /// <summary>The <c>$</c> options this collection answers, in the order error messages list them.</summary>
    public IReadOnlyList<string> SupportedOptions
    {
        get
        {
            List<string> options = ["$filter", "$top"];
            if (Orderable)
            {
                options.Add("$orderby");
            }

            options.Add("$count");
            if (Selectable)
            {
                options.Add("$select");
            }

            options.Add("$skiptoken");
            return options;
        }
    }
}
