using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenantAuditGrid.Store.Mapping;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>Graph-shaped directoryAudit and securityAction objects, mapped the way the sync engine maps them.</summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    public static JsonElement DirectoryAuditJson(string id, DateTimeOffset when, string activity = "Add member to group", string category = "GroupManagement")
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["category"] = category,
            ["correlationId"] = "0b6b7f6c-43a3-4a2b-9d7e-2f4f62f0c1aa",
            ["result"] = "success",
            ["resultReason"] = "",
            ["activityDisplayName"] = activity,
            ["activityDateTime"] = when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["loggedByService"] = "Core Directory",
            ["operationType"] = "Assign",
            ["initiatedBy"] = new JsonObject
            {
                ["app"] = null,
                ["user"] = new JsonObject
                {
                    ["id"] = "4ad6d2c4-8f6c-4ef4-8d3b-2e9a6b1b8c11",
                    ["displayName"] = "Adele Vance",
                    ["userPrincipalName"] = "adele@contoso.example",
                    ["ipAddress"] = "203.0.113.7",
                },
            },
            ["targetResources"] = new JsonArray(new JsonObject
            {
                ["id"] = "9f1e8c2a-5b7d-4c3e-a1f0-6d2b8e4c7a90",
                ["displayName"] = "Finance",
                ["type"] = "Group",
                ["userPrincipalName"] = null,
                ["groupType"] = "unifiedGroups",
                ["modifiedProperties"] = new JsonArray(new JsonObject
                {
                    ["displayName"] = "Group.DisplayName",
                    ["oldValue"] = null,
                    ["newValue"] = "\"Finance\"",
                }),
            }),
            ["additionalDetails"] = new JsonArray(new JsonObject { ["key"] = "User-Agent", ["value"] = "Mozilla/5.0" }),
        };
        return JsonSerializer.SerializeToElement(node);
    }

    public static DirectoryAuditRecord Event(string tenantId, string id, DateTimeOffset? when = null, string source = AuditSources.Graph) =>
        DirectoryAuditMapper.FromGraph(tenantId, DirectoryAuditJson(id, when ?? BaseTime), source);

    public static IReadOnlyList<DirectoryAuditRecord> Events(string tenantId, int from, int count) =>
        Enumerable.Range(from, count).Select(i => Event(tenantId, $"Directory_{i:D6}", BaseTime.AddSeconds(i))).ToList();

    public static SecurityActionRecord Action(string tenantId, string id, string status, DateTimeOffset lastAction)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["name"] = "BlockIp",
            ["actionReason"] = "Suspicious sign-ins",
            ["status"] = status,
            ["createdDateTime"] = "2026-11-20T08:00:00Z",
            ["lastActionDateTime"] = lastAction.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "IP", ["value"] = "198.51.100.4" }),
            ["vendorInformation"] = new JsonObject { ["provider"] = "Windows Defender ATP", ["vendor"] = "Microsoft" },
        };
        return SecurityActionMapper.FromGraph(tenantId, JsonSerializer.SerializeToElement(node));
    }

    public static TenantStatusRecord Status(string tenantId, long version, string state = "Healthy", params string[] tags) => new()
    {
        TenantId = tenantId,
        DisplayName = $"Tenant {tenantId}",
        Tags = tags,
        EnabledSources = ["directoryAudits", "securityActions"],
        HealthState = state,
        HealthSince = BaseTime,
        LastErrorCode = state == "Healthy" ? null : "Authentication_MSGraphPermissionMissing",
        Remediation = state == "Healthy" ? null : "Grant AuditLog.Read.All and admin consent.",
        Capabilities = JsonSerializer.SerializeToElement(new { premium = true, retentionDays = 30 }),
        UpdatedAt = BaseTime.AddMinutes(version),
        Version = version,
    };
}
