using System.Text.Json;
using System.Text.Json.Nodes;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>A directoryAudit the tests store, with the Graph JSON it is stored as.</summary>
public sealed record GeneratedEvent(string TenantId, string Id, DateTimeOffset ActivityDateTime, JsonObject Payload)
{
    public string PayloadJson { get; } = Payload.ToJsonString();

    /// <summary>The stored JSON, parsed once for the in-memory evaluator.</summary>
    public JsonElement Json { get; } = JsonSerializer.SerializeToElement(Payload);
}
