using System.Text.Json;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Generates a tenant's events one hour at a time from hash(seed-derived tenant key, hour). Nothing is stored: the same
/// tenant and hour always give the same events, so 1,000 tenants × 10,000 events cost no memory until someone reads them.
/// Live events are simply the hours after start, seen once the clock passes them.
/// </summary>
internal static class AuditEventGenerator
{
    public const int MaxEventsPerBucket = 99_999;
    private const string CodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static long BucketOf(DateTimeOffset instant) => instant.UtcTicks / TimeSpan.TicksPerHour;

    public static DateTimeOffset BucketStart(long bucket) => new(bucket * TimeSpan.TicksPerHour, TimeSpan.Zero);

    /// <summary>The bucket and position an event id points at, or null when the id is not one of ours.</summary>
    public static (long Bucket, int Ordinal)? Locate(string id)
    {
        var separator = id.LastIndexOf('_');
        if (separator < 0 || !long.TryParse(id.AsSpan(separator + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return (number / 100_000, (int)(number % 100_000));
    }

    /// <summary>The bucket's events ordered by (activityDateTime, id).</summary>
    public static AuditEvent[] Generate(TenantActivity tenant, long bucket)
    {
        var random = StableHash.Random(tenant.GenerationKey, (ulong)bucket, 0xA0D17);
        var hourOfDay = bucket % 24;
        // Office hours in the tenant's region are busier; the peak sits at 14:00 UTC.
        var weight = 1 + (0.6 * Math.Cos(2 * Math.PI * (hourOfDay - 14) / 24));
        var count = Math.Min(MaxEventsPerBucket, Poisson(tenant.EventsPerDay / 24 * weight, random));
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = (long)(random.NextDouble() * TimeSpan.TicksPerHour) / 10 * 10; // whole microseconds, like Graph's 7-digit fractions
        }

        Array.Sort(offsets);
        var start = BucketStart(bucket);
        var people = new TenantPeople(tenant);
        var events = new AuditEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = CreateEvent(tenant, people, random, start.AddTicks(offsets[i]), (bucket * 100_000) + i);
        }

        return events;
    }

    private static AuditEvent CreateEvent(TenantActivity tenant, TenantPeople people, Random random, DateTimeOffset at, long number)
    {
        var kind = DrawKind(random);
        var correlation = new Guid(RandomBytes(random, 16)).ToString();
        var code = string.Create(5, random, static (span, r) =>
        {
            for (var c = 0; c < span.Length; c++)
            {
                span[c] = CodeAlphabet[r.Next(CodeAlphabet.Length)];
            }
        });
        var id = kind.Service == "B2C" ? $"B2C_{code}_{number}" : $"Directory_{correlation}_{code}_{number}";
        var resultDraw = random.NextDouble();
        var (result, reason) = resultDraw switch
        {
            < 0.965 => ("success", string.Empty),
            < 0.995 => ("failure", AuditCatalog.FailureReasons[random.Next(AuditCatalog.FailureReasons.Length)]),
            _ => ("timeout", "The operation timed out."),
        };

        var subject = people.User(random.Next(people.UserCount));
        var initiator = DrawInitiator(kind, people, subject, random);
        var details = initiator.User is not null
            ? new[] { new AuditKeyValue("User-Agent", AuditCatalog.UserAgents[random.Next(AuditCatalog.UserAgents.Length)]) }
            : kind.Service == "B2C"
                ? [new AuditKeyValue("TenantId", tenant.TenantId.ToString()), new AuditKeyValue("PolicyId", "B2C_1A_signup_signin")]
                : [];
        return new AuditEvent(
            id,
            at,
            at + VisibilityDelay.Draw(random),
            kind.Activity,
            kind.Category,
            correlation,
            kind.Service,
            kind.OperationType,
            result,
            reason,
            details,
            initiator,
            Targets(kind, people, subject, random));
    }

    private static AuditInitiator DrawInitiator(ActivityKind kind, TenantPeople people, TenantUser subject, Random random)
    {
        var useApp = kind.Initiator switch
        {
            InitiatorKind.App => true,
            InitiatorKind.UserOrApp => random.NextDouble() < 0.3,
            _ => false,
        };
        if (useApp)
        {
            var app = kind.Service switch
            {
                "Privileged Identity Management" => 2,
                "Account Provisioning" => 3,
                _ when kind.Target == TargetKind.Device => 1,
                _ => random.Next(AuditCatalog.FirstPartyApps.Length),
            };
            var (appId, name) = AuditCatalog.FirstPartyApps[app];
            return new AuditInitiator(new AuditAppIdentity(appId, name, people.ServicePrincipalId(app), name), null);
        }

        var actor = kind.Initiator == InitiatorKind.Self ? subject : people.Admin(random.Next(5));
        var ip = $"{(random.Next(2) == 0 ? "203.0.113" : "198.51.100")}.{random.Next(1, 255)}";
        return new AuditInitiator(null, new AuditUserIdentity(actor.Id, actor.DisplayName, actor.UserPrincipalName, ip, "Member", people.TenantId, null));
    }

    private static AuditTargetResource[] Targets(ActivityKind kind, TenantPeople people, TenantUser subject, Random random)
    {
        switch (kind.Target)
        {
            case TargetKind.User:
                return [UserTarget(subject, UserChanges(kind, subject, random))];
            case TargetKind.Group:
                {
                    var (groupId, groupName, groupType) = people.Group(random.Next(AuditCatalog.GroupNames.Length));
                    return [new AuditTargetResource(groupId, groupName, "Group", null, groupType, [Change("DisplayName", kind.OperationType == "Add" ? null : groupName, groupName), Change("Description", null, $"{groupName} members")])];
                }

            case TargetKind.UserInGroup:
                {
                    var (groupId, groupName, groupType) = people.Group(random.Next(AuditCatalog.GroupNames.Length));
                    return
                    [
                        UserTarget(subject, [Property("Group.ObjectID", kind.OperationType == "Assign" ? null : groupId, kind.OperationType == "Assign" ? groupId : null), Property("Group.DisplayName", kind.OperationType == "Assign" ? null : groupName, kind.OperationType == "Assign" ? groupName : null)]),
                    new AuditTargetResource(groupId, groupName, "Group", null, groupType, []),
                ];
                }

            case TargetKind.UserInRole:
                {
                    var role = random.Next(AuditCatalog.Roles.Length);
                    var (roleName, templateId) = AuditCatalog.Roles[role];
                    var roleObjectId = StableHash.Guid(people.Key, (ulong)role, 0x201E).ToString();
                    var adding = kind.OperationType == "Assign";
                    return
                    [
                        UserTarget(subject, [Property("Role.ObjectID", adding ? null : roleObjectId, adding ? roleObjectId : null), Property("Role.DisplayName", adding ? null : roleName, adding ? roleName : null), Property("Role.TemplateId", adding ? null : templateId, adding ? templateId : null)]),
                    new AuditTargetResource(roleObjectId, roleName, "Role", null, null, []),
                ];
                }

            case TargetKind.ServicePrincipal:
                {
                    var app = random.Next(AuditCatalog.FirstPartyApps.Length);
                    var (appId, name) = AuditCatalog.FirstPartyApps[app];
                    return [new AuditTargetResource(people.ServicePrincipalId(app), name, "ServicePrincipal", null, null, [Change("AccountEnabled", null, true), Change("AppPrincipalId", null, appId), Change("DisplayName", null, name)])];
                }

            case TargetKind.Application:
                {
                    var app = random.Next(AuditCatalog.FirstPartyApps.Length);
                    var name = AuditCatalog.FirstPartyApps[app].DisplayName;
                    var key = $"[KeyIdentifier={new Guid(RandomBytes(random, 16))},KeyType=Password,KeyUsage=Verify,DisplayName=rotation-{random.Next(100)}]";
                    return [new AuditTargetResource(people.ServicePrincipalId(app), name, "Application", null, null, [Change("KeyDescription", null, key), new AuditModifiedProperty("Included Updated Properties", string.Empty, "\"KeyDescription\"")])];
                }

            case TargetKind.Policy:
                {
                    var oldState = JsonSerializer.Serialize(new { state = "enabledForReportingButNotEnforced", grantControls = new { builtInControls = new[] { "mfa" } } });
                    var newState = JsonSerializer.Serialize(new { state = "enabled", grantControls = new { builtInControls = new[] { "mfa" } } });
                    return [new AuditTargetResource(StableHash.Guid(people.Key, 7, 0x9011).ToString(), "Require MFA for admins", "Policy", null, null, [new AuditModifiedProperty("ConditionalAccessPolicy", oldState, newState)])];
                }

            case TargetKind.Device:
                {
                    var number = random.Next(people.UserCount * 2);
                    var build = 3000 + random.Next(600);
                    return [new AuditTargetResource(StableHash.Guid(people.Key, (ulong)number, 0xDE1).ToString(), $"DESKTOP-{number:X5}", "Device", null, null, [Change("DeviceOSVersion", $"10.0.22631.{build}", $"10.0.22631.{build + 69}")])];
                }

            default:
                return [new AuditTargetResource(people.TenantId, "Directory", "Directory", null, null, [Change("TechnicalNotificationMails", $"it@{people.Domain}", $"secops@{people.Domain}")])];
        }
    }

    private static AuditModifiedProperty[] UserChanges(ActivityKind kind, TenantUser user, Random random) => kind.Activity switch
    {
        "Add user" or "Invite external user" =>
        [
            Change("AccountEnabled", null, true),
            Change("DisplayName", null, user.DisplayName),
            Change("UserPrincipalName", null, user.UserPrincipalName),
            Change("UserType", null, kind.Activity == "Add user" ? "Member" : "Guest"),
        ],
        "Update user" => random.Next(3) switch
        {
            0 => [Change("Department", "Sales", "Finance"), new AuditModifiedProperty("Included Updated Properties", string.Empty, "\"Department\"")],
            1 => [Change("AccountEnabled", true, false), new AuditModifiedProperty("Included Updated Properties", string.Empty, "\"AccountEnabled\"")],
            _ => [Change("JobTitle", "Analyst", "Senior Analyst"), new AuditModifiedProperty("Included Updated Properties", string.Empty, "\"JobTitle\"")],
        },
        "Change user license" =>
        [
            Change("AssignedLicense", null, "[SkuName=ENTERPRISEPACK, AccountId=" + user.Id + ", SkuId=6fd2c87f-b296-42f0-b197-1e91e994b900, DisabledPlans=[]]"),
        ],
        _ => [],
    };

    private static AuditTargetResource UserTarget(TenantUser user, AuditModifiedProperty[] changes) =>
        new(user.Id, null, "User", user.UserPrincipalName, null, changes);

    /// <summary>Entra writes old and new values as JSON arrays inside a string.</summary>
    private static AuditModifiedProperty Change(string name, object? oldValue, object? newValue) => new(
        name,
        oldValue is null ? "[]" : JsonSerializer.Serialize(new[] { oldValue }),
        newValue is null ? "[]" : JsonSerializer.Serialize(new[] { newValue }));

    /// <summary>Group and role link properties are single JSON strings, not arrays.</summary>
    private static AuditModifiedProperty Property(string name, string? oldValue, string? newValue) => new(
        name,
        oldValue is null ? null : JsonSerializer.Serialize(oldValue),
        newValue is null ? null : JsonSerializer.Serialize(newValue));

    private static ActivityKind DrawKind(Random random)
    {
        var draw = random.Next(AuditCatalog.TotalWeight);
        foreach (var kind in AuditCatalog.Kinds)
        {
            if ((draw -= kind.Weight) < 0)
            {
                return kind;
            }
        }

        return AuditCatalog.Kinds[^1];
    }

    private static int Poisson(double mean, Random random)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * z)));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
