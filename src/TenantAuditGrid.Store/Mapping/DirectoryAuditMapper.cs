using System.Text.Json;

namespace TenantAuditGrid.Store.Mapping;

/// <summary>Turns a Graph directoryAudit JSON object into the stored record, keeping the object itself as the payload.</summary>
public static class DirectoryAuditMapper
{
    public static DirectoryAuditRecord FromGraph(string tenantId, JsonElement directoryAudit, string source = AuditSources.Graph)
    {
        if (directoryAudit.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A directoryAudit must be a JSON object, not {directoryAudit.ValueKind}.", nameof(directoryAudit));
        }

        var initiatedBy = GraphJson.Object(directoryAudit, "initiatedBy");
        var user = initiatedBy is { } i ? GraphJson.Object(i, "user") : null;
        var app = initiatedBy is { } j ? GraphJson.Object(j, "app") : null;
        return new DirectoryAuditRecord
        {
            TenantId = tenantId,
            Source = source,
            Id = GraphJson.String(directoryAudit, "id") ?? string.Empty,
            ActivityDateTime = GraphJson.Timestamp(directoryAudit, "activityDateTime")
                ?? throw new ArgumentException("The directoryAudit has no activityDateTime.", nameof(directoryAudit)),
            ActivityDisplayName = GraphJson.String(directoryAudit, "activityDisplayName"),
            Category = GraphJson.String(directoryAudit, "category"),
            CorrelationId = GraphJson.String(directoryAudit, "correlationId"),
            LoggedByService = GraphJson.String(directoryAudit, "loggedByService"),
            OperationType = GraphJson.String(directoryAudit, "operationType"),
            Result = GraphJson.String(directoryAudit, "result"),
            InitiatedByUserId = user is { } u1 ? GraphJson.String(u1, "id") : null,
            InitiatedByUserPrincipalName = user is { } u2 ? GraphJson.String(u2, "userPrincipalName") : null,
            InitiatedByUserDisplayName = user is { } u3 ? GraphJson.String(u3, "displayName") : null,
            InitiatedByAppId = app is { } a1 ? GraphJson.String(a1, "appId") : null,
            InitiatedByAppDisplayName = app is { } a2 ? GraphJson.String(a2, "displayName") : null,
            // Clone detaches the element from its JsonDocument, which the caller may dispose once the page is mapped.
            Payload = directoryAudit.Clone(),
        };
    }
}
