using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Mapping;

namespace TenantAuditGrid.Bench.Ingest;

/// <summary>
/// Deterministic Graph-shaped directoryAudit objects of realistic size (about 1–2 KB: initiator, one or two target
/// resources with modified properties holding JSON text, additional details), mapped exactly as the sync engine maps them.
/// </summary>
internal sealed class SyntheticDirectoryAudits(int seed)
{
    private static readonly string[] Activities =
    [
        "Add member to group", "Update user", "Add service principal", "Update application", "Reset password (by admin)",
        "Add app role assignment to service principal", "Update conditional access policy", "Delete user", "Add owner to group",
    ];

    private static readonly string[] Categories =
        ["GroupManagement", "UserManagement", "ApplicationManagement", "RoleManagement", "Policy", "DirectoryManagement"];

    private static readonly string[] Services = ["Core Directory", "B2C", "Self-service Password Management", "Privileged Identity Management"];

    private readonly Random random = new(seed);

    /// <summary><paramref name="count"/> events of <paramref name="tenantCount"/> tenants, spread over the 30 days before <paramref name="newest"/>.</summary>
    public List<DirectoryAuditRecord> Create(string runId, int count, int tenantCount, DateTimeOffset newest)
    {
        var records = new List<DirectoryAuditRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var tenantId = $"{runId}-tenant-{i % tenantCount:D4}";
            var when = newest.AddSeconds(-random.Next(0, 30 * 24 * 3600)).AddTicks(-random.Next(0, 10_000_000));
            records.Add(DirectoryAuditMapper.FromGraph(tenantId, Json($"Directory_{NextGuid()}_{runId}_{i}", when)));
        }

        return records;
    }

    // From the seeded generator, so that a seed gives the same events (and the same bytes to store) on every run.
    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private JsonElement Json(string id, DateTimeOffset when)
    {
        var byApp = random.Next(4) == 0;
        var targets = new JsonArray();
        for (var t = random.Next(1, 3); t > 0; t--)
        {
            var modified = new JsonArray();
            for (var m = random.Next(1, 3); m > 0; m--)
            {
                modified.Add(new JsonObject
                {
                    ["displayName"] = m switch { 1 => "AssignedLicense", 2 => "Included Updated Properties", 3 => "TargetId.UserType", _ => "DisplayName" },
                    ["oldValue"] = $"[{{\"SkuName\":\"ENTERPRISEPACK\",\"DisabledPlans\":[],\"AssignedTimestamp\":\"{when.AddDays(-random.Next(1, 400)):O}\"}}]",
                    ["newValue"] = $"[{{\"SkuName\":\"SPE_E5\",\"DisabledPlans\":[\"{NextGuid()}\"],\"AssignedTimestamp\":\"{when:O}\"}}]",
                });
            }

            targets.Add(new JsonObject
            {
                ["id"] = NextGuid().ToString(),
                ["displayName"] = $"Target {random.Next(100_000)}",
                ["type"] = t % 2 == 0 ? "Group" : "User",
                ["userPrincipalName"] = t % 2 == 0 ? null : $"user{random.Next(100_000)}@contoso.example",
                ["groupType"] = t % 2 == 0 ? "unifiedGroups" : null,
                ["modifiedProperties"] = modified,
            });
        }

        var node = new JsonObject
        {
            ["id"] = id,
            ["category"] = Categories[random.Next(Categories.Length)],
            ["correlationId"] = NextGuid().ToString(),
            ["result"] = random.Next(20) == 0 ? "failure" : "success",
            ["resultReason"] = "",
            ["activityDisplayName"] = Activities[random.Next(Activities.Length)],
            ["activityDateTime"] = when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["loggedByService"] = Services[random.Next(Services.Length)],
            ["operationType"] = random.Next(3) switch { 0 => "Add", 1 => "Update", _ => "Assign" },
            ["initiatedBy"] = byApp
                ? new JsonObject
                {
                    ["app"] = new JsonObject
                    {
                        ["appId"] = NextGuid().ToString(),
                        ["displayName"] = "Provisioning Connector",
                        ["servicePrincipalId"] = NextGuid().ToString(),
                        ["servicePrincipalName"] = null,
                    },
                    ["user"] = null,
                }
                : new JsonObject
                {
                    ["app"] = null,
                    ["user"] = new JsonObject
                    {
                        ["id"] = NextGuid().ToString(),
                        ["displayName"] = "Adele Vance",
                        ["userPrincipalName"] = $"admin{random.Next(50)}@contoso.example",
                        ["ipAddress"] = $"203.0.113.{random.Next(255)}",
                        ["userType"] = "Member",
                        ["homeTenantId"] = NextGuid().ToString(),
                        ["homeTenantName"] = null,
                    },
                },
            ["targetResources"] = targets,
            ["additionalDetails"] = new JsonArray(
                new JsonObject { ["key"] = "User-Agent", ["value"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edge/120.0" },
                new JsonObject { ["key"] = "oid", ["value"] = NextGuid().ToString() }),
        };
        return JsonSerializer.SerializeToElement(node);
    }
}
