namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The kinds of directory activity the generator draws from, weighted roughly like a busy corporate tenant: user and group
/// churn dominate, role and policy changes are rarer, B2C traffic is a thin slice.
/// </summary>
internal static class AuditCatalog
{
    public static readonly ActivityKind[] Kinds =
    [
        new("Core Directory", "UserManagement", "Add user", "Add", TargetKind.User, InitiatorKind.UserOrApp, 8),
        new("Core Directory", "UserManagement", "Update user", "Update", TargetKind.User, InitiatorKind.UserOrApp, 22),
        new("Core Directory", "UserManagement", "Delete user", "Delete", TargetKind.User, InitiatorKind.User, 2),
        new("Core Directory", "UserManagement", "Reset user password", "Reset", TargetKind.User, InitiatorKind.User, 4),
        new("Core Directory", "UserManagement", "Change user license", "Update", TargetKind.User, InitiatorKind.UserOrApp, 3),
        new("Core Directory", "GroupManagement", "Add group", "Add", TargetKind.Group, InitiatorKind.UserOrApp, 3),
        new("Core Directory", "GroupManagement", "Update group", "Update", TargetKind.Group, InitiatorKind.UserOrApp, 6),
        new("Core Directory", "GroupManagement", "Add member to group", "Assign", TargetKind.UserInGroup, InitiatorKind.UserOrApp, 14),
        new("Core Directory", "GroupManagement", "Remove member from group", "Unassign", TargetKind.UserInGroup, InitiatorKind.UserOrApp, 6),
        new("Core Directory", "ApplicationManagement", "Add service principal", "Add", TargetKind.ServicePrincipal, InitiatorKind.UserOrApp, 2),
        new("Core Directory", "ApplicationManagement", "Update application", "Update", TargetKind.Application, InitiatorKind.User, 3),
        new("Core Directory", "ApplicationManagement", "Update application – Certificates and secrets management ", "Update", TargetKind.Application, InitiatorKind.User, 1),
        new("Core Directory", "ApplicationManagement", "Consent to application", "Assign", TargetKind.ServicePrincipal, InitiatorKind.User, 1),
        new("Core Directory", "ApplicationManagement", "Add app role assignment to service principal", "Assign", TargetKind.ServicePrincipal, InitiatorKind.UserOrApp, 1),
        new("Core Directory", "RoleManagement", "Add member to role", "Assign", TargetKind.UserInRole, InitiatorKind.UserOrApp, 2),
        new("Core Directory", "RoleManagement", "Remove member from role", "Unassign", TargetKind.UserInRole, InitiatorKind.UserOrApp, 1),
        new("Privileged Identity Management", "RoleManagement", "Add member to role completed (PIM activation)", "Assign", TargetKind.UserInRole, InitiatorKind.App, 3),
        new("Privileged Identity Management", "RoleManagement", "Add eligible member to role in PIM completed (permanent)", "Assign", TargetKind.UserInRole, InitiatorKind.User, 1),
        new("Core Directory", "Policy", "Update policy", "Update", TargetKind.Policy, InitiatorKind.User, 1),
        new("Conditional Access", "Policy", "Update conditional access policy", "Update", TargetKind.Policy, InitiatorKind.User, 1),
        new("Core Directory", "Device", "Add device", "Add", TargetKind.Device, InitiatorKind.App, 5),
        new("Core Directory", "Device", "Update device", "Update", TargetKind.Device, InitiatorKind.App, 6),
        new("Core Directory", "DirectoryManagement", "Set Company Information", "Update", TargetKind.Directory, InitiatorKind.User, 1),
        new("Self-service Password Management", "UserManagement", "Reset password (self-service)", "Update", TargetKind.User, InitiatorKind.Self, 3),
        new("Self-service Password Management", "UserManagement", "Change password (self-service)", "Update", TargetKind.User, InitiatorKind.Self, 2),
        new("Invited Users", "UserManagement", "Invite external user", "Add", TargetKind.User, InitiatorKind.User, 2),
        new("B2C", "ApplicationManagement", "Issue an id_token to the application", "Other", TargetKind.Application, InitiatorKind.App, 2),
        new("Account Provisioning", "ProvisioningManagement", "Process escrow", "Other", TargetKind.User, InitiatorKind.App, 1),
    ];

    public static readonly int TotalWeight = Kinds.Sum(k => k.Weight);

    public static readonly string[] FirstNames =
        ["Adele", "Alex", "Allan", "Diego", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep", "Sofia", "Yuki", "Zoran"];

    public static readonly string[] LastNames =
        ["Vance", "Wilber", "Deyoung", "Soto", "Archie", "Cantrell", "Langer", "Lauer", "Sherman", "Gu", "Holloway", "Robbins", "Bowen", "Gonzalez", "Wilke", "Fernandez", "Gupta", "Larsen", "Tanaka", "Petrov"];

    public static readonly string[] GroupNames =
        ["Sales Team", "Finance", "Helpdesk Operators", "All Company", "Engineering", "Marketing", "Legal", "Contractors", "VPN Users", "Retail Stores"];

    public static readonly (string Name, string TemplateId)[] Roles =
    [
        ("Global Administrator", "62e90394-69f5-4237-9190-012177145e10"),
        ("User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"),
        ("Helpdesk Administrator", "729827e3-9c14-49f7-bb1b-9608f156bbb8"),
        ("Security Reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
        ("Reports Reader", "4a5d8f65-41da-4de4-8968-e035b65339cf"),
    ];

    public static readonly (string AppId, string DisplayName)[] FirstPartyApps =
    [
        ("cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "Microsoft Teams Services"),
        ("0000000a-0000-0000-c000-000000000000", "Microsoft Intune"),
        ("01fc33a7-78ba-4d2f-a4b7-768e336e890e", "MS-PIM"),
        ("cb1056e2-e479-49de-ae31-7812af012ed8", "Microsoft Azure AD Connect"),
        ("bf26f092-3426-4a99-abfb-97dad74e661a", "Azure AD Identity Governance"),
    ];

    public static readonly string[] FailureReasons =
    [
        "Microsoft.Online.Workflows.ObjectAlreadyExistsException",
        "Microsoft.Online.Workflows.DirectoryObjectNotFoundException",
        "The user does not have permission to perform this operation.",
        "Microsoft.Online.DirectoryServices.DirectoryUniquenessException",
    ];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "PowerShell/7.4 Microsoft.Graph.PowerShell/2.19",
    ];
}

internal sealed record ActivityKind(
    string Service, string Category, string Activity, string OperationType, TargetKind Target, InitiatorKind Initiator, int Weight);

internal enum TargetKind
{
    User,
    Group,
    UserInGroup,
    UserInRole,
    ServicePrincipal,
    Application,
    Policy,
    Device,
    Directory,
}

internal enum InitiatorKind
{
    User,
    App,
    UserOrApp,
    Self,
}
