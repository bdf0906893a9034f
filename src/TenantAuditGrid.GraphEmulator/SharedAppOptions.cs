namespace TenantAuditGrid.GraphEmulator;

/// <summary>The MSP's multi-tenant app registration, consented in every demo tenant unless told otherwise.</summary>
public sealed class SharedAppOptions
{
    public string ClientId { get; set; } = "7a3c1f52-9e0b-4d6a-8c41-2f5b9d0e6a17";

    /// <summary>The app's client secret. A random one is generated at start when unset.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>When the secret expires, in emulated time; never when unset.</summary>
    public DateTimeOffset? ClientSecretExpires { get; set; }

    /// <summary>An optional certificate (public part is enough) registered on the app for client assertions.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    public string DisplayName { get; set; } = "TenantAuditGrid MSP";

    /// <summary>The application permissions the app asks for and admin consent grants.</summary>
    public IList<string> Roles { get; set; } = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll, GraphRoles.SecurityActionsReadWriteAll];

    /// <summary>Whether every demo tenant starts with admin consent for the app.</summary>
    public bool ConsentedInEveryTenant { get; set; } = true;
}
