using System.Globalization;
using System.Text.Json.Nodes;

namespace TenantAuditGrid.Testing.Audit;

/// <summary>
/// Seeded directoryAudit events in Graph's JSON shape (the shape in GRAPH-FACTS.md): user- and app-initiated, with target resources,
/// modified properties and additional details, some nulls, some ids repeated across tenants, some identical timestamps,
/// and values holding quotes, '%' and '_' to exercise escaping.
/// </summary>
public sealed class AuditEventGenerator(int seed)
{
    public static readonly string[] Categories = ["UserManagement", "GroupManagement", "ApplicationManagement", "RoleManagement", "Policy", "DirectoryManagement"];
    public static readonly string[] Activities = ["Add user", "Update user", "Delete user", "Add member to group", "Add service principal", "Add member to role", "Update policy", "Reset password (by admin)", "Consent to application", "Add app role assignment 100%_done"];
    public static readonly string[] Services = ["Core Directory", "B2C", "Self-service Password Management", "PIM"];
    public static readonly string[] Results = ["success", "failure", "timeout"];
    public static readonly string[] OperationTypes = ["Add", "Update", "Delete", "Assign"];
    public static readonly string[] UserNames = ["Adele Vance", "Alex Wilber", "Megan Bowen", "Patrick O'Brien", "Lidia Holloway", "Nestor_Wilke"];
    public static readonly string[] AppNames = ["Microsoft Azure AD Connect", "MSP Tooling", "Graph Explorer", "Contoso%Sync"];
    public static readonly string[] TargetTypes = ["User", "Group", "ServicePrincipal", "Application", "Role", "Policy"];
    public static readonly string[] GroupTypes = ["unifiedGroups", "azureAD"];
    public static readonly string[] ModifiedProperties = ["AccountEnabled", "DisplayName", "StsRefreshTokensValidFrom", "Included Updated Properties", "TargetId.UserType"];
    public static readonly string[] DetailKeys = ["User-Agent", "UserType", "AppId", "MethodExecutionResult."];

    private readonly Random random = new(seed);

    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public List<string> Tenants(int count) =>
        Enumerable.Range(0, count).Select(_ => NewGuid()).ToList();

    public List<GeneratedEvent> Events(IReadOnlyList<string> tenants, int perTenant, DateTimeOffset? start = null)
    {
        var events = new List<GeneratedEvent>();
        var origin = start ?? Epoch;
        foreach (var tenant in tenants)
        {
            for (var i = 0; i < perTenant; i++)
            {
                events.Add(Event(tenant, origin, i));
            }
        }

        // The same id in two tenants: ids are unique per tenant only.
        if (tenants.Count > 1 && events.Count > perTenant)
        {
            var shared = events[0];
            var copy = Event(tenants[1], origin, 0, shared.Id);
            events.Add(copy);
        }

        return events;
    }

    public GeneratedEvent Event(string tenantId, DateTimeOffset origin, int sequence, string? id = null)
    {
        // Whole milliseconds over 14 days, and every 17th event shares a round second with others (ties across tenants).
        var offset = sequence % 17 == 0
            ? TimeSpan.FromSeconds(random.Next(0, 50) * 3600)
            : TimeSpan.FromMilliseconds(random.NextInt64(0, 14L * 24 * 3600 * 1000));
        var when = origin + offset;
        id ??= random.Next(4) == 0
            ? $"B2C_{Token(5)}_{random.Next(1_000_000, 9_999_999)}"
            : $"Directory_{NewGuid()}_{Token(5)}_{random.Next(10_000_000, 99_999_999)}";
        var activity = Pick(Activities);
        var payload = new JsonObject
        {
            ["id"] = id,
            ["category"] = Pick(Categories),
            ["correlationId"] = random.Next(10) == 0 ? null : NewGuid(),
            ["result"] = Pick(Results),
            ["resultReason"] = random.Next(3) switch { 0 => null, 1 => "", _ => "Microsoft.Online.Workflows.ObjectAlreadyExistsException" },
            ["activityDisplayName"] = activity,
            ["activityDateTime"] = when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["loggedByService"] = random.Next(12) == 0 ? null : Pick(Services),
            ["operationType"] = Pick(OperationTypes),
            ["initiatedBy"] = Initiator(),
            ["targetResources"] = random.Next(8) == 0 ? new JsonArray() : TargetResources(),
            ["additionalDetails"] = random.Next(5) == 0 ? null : AdditionalDetails(),
        };
        return new GeneratedEvent(tenantId, id, when, payload);
    }

    private JsonObject Initiator()
    {
        var byApp = random.Next(3) == 0;
        var user = byApp
            ? null
            : new JsonObject
            {
                ["id"] = NewGuid(),
                ["displayName"] = random.Next(6) == 0 ? null : Pick(UserNames),
                ["userPrincipalName"] = $"{Pick(["adele", "alex", "megan", "patrick.o'brien", "lidia", "admin"])}@contoso{random.Next(3)}.onmicrosoft.com",
                ["ipAddress"] = random.Next(4) == 0 ? null : $"10.0.{random.Next(4)}.{random.Next(1, 5)}",
                ["userType"] = "Member",
            };
        var app = byApp
            ? new JsonObject
            {
                ["appId"] = Pick(["cb1056e2-e479-49de-ae31-7812af012ed8", "de8bc8b5-d9f9-48b1-a8ad-b748da725064", NewGuid()]),
                ["displayName"] = Pick(AppNames),
                ["servicePrincipalId"] = NewGuid(),
                ["servicePrincipalName"] = null,
            }
            : null;
        return new JsonObject { ["app"] = app, ["user"] = user };
    }

    private JsonArray TargetResources()
    {
        var array = new JsonArray();
        for (var i = 0; i < random.Next(1, 4); i++)
        {
            var type = Pick(TargetTypes);
            var modified = new JsonArray();
            for (var j = 0; j < random.Next(0, 3); j++)
            {
                modified.Add(new JsonObject
                {
                    ["displayName"] = Pick(ModifiedProperties),
                    ["oldValue"] = random.Next(2) == 0 ? "[]" : "[\"false\"]",
                    ["newValue"] = "[\"true\"]",
                });
            }

            array.Add(new JsonObject
            {
                ["id"] = Pick(["0f2a6b1c-46a2-4d0e-8a41-3f0f9b6c7d10", "5b3c2d1e-0000-4000-8000-00000000beef", NewGuid()]),
                ["displayName"] = random.Next(5) == 0 ? null : Pick([.. UserNames, "Sales Team", "Global Administrator", "MSP Tooling"]),
                ["type"] = type,
                ["userPrincipalName"] = type == "User" ? $"{Pick(["adele", "megan", "nestor"])}@contoso.onmicrosoft.com" : null,
                ["groupType"] = type == "Group" ? Pick(GroupTypes) : null,
                ["modifiedProperties"] = modified,
            });
        }

        return array;
    }

    private JsonArray AdditionalDetails()
    {
        var array = new JsonArray();
        for (var i = 0; i < random.Next(0, 3); i++)
        {
            array.Add(new JsonObject { ["key"] = Pick(DetailKeys), ["value"] = Pick(["Member", "Guest", "Microsoft Azure Graph Client Library 2.1.9", "cb1056e2-e479-49de-ae31-7812af012ed8"]) });
        }

        return array;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private string Token(int length) =>
        new(Enumerable.Range(0, length).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[random.Next(34)]).ToArray());

    private string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
