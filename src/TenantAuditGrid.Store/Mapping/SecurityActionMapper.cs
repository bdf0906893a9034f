using System.Text.Json;

namespace TenantAuditGrid.Store.Mapping;

/// <summary>Turns a Graph securityAction JSON object into the stored record, keeping the object itself as the payload.</summary>
public static class SecurityActionMapper
{
    public static SecurityActionRecord FromGraph(string tenantId, JsonElement securityAction)
    {
        if (securityAction.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A securityAction must be a JSON object, not {securityAction.ValueKind}.", nameof(securityAction));
        }

        return new SecurityActionRecord
        {
            TenantId = tenantId,
            Id = GraphJson.String(securityAction, "id") ?? string.Empty,
            Name = GraphJson.String(securityAction, "name"),
            Status = GraphJson.String(securityAction, "status"),
            ActionReason = GraphJson.String(securityAction, "actionReason"),
            CreatedDateTime = GraphJson.Timestamp(securityAction, "createdDateTime"),
            LastActionDateTime = GraphJson.Timestamp(securityAction, "lastActionDateTime"),
            CompletedDateTime = GraphJson.Timestamp(securityAction, "completedDateTime"),
            Payload = securityAction.Clone(),
        };
    }
}
