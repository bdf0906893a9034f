namespace TenantAuditGrid.GraphEmulator;

/// <summary>An app's presence in a tenant, with the application permissions granted there.</summary>
internal sealed class ServicePrincipal(Guid objectId)
{
    public Guid ObjectId { get; } = objectId;

    public HashSet<string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The service principal exists but the tenant asks for (renewed) consent: token requests fail with AADSTS65001.</summary>
    public bool ConsentRequired { get; set; }

    /// <summary>Tokens issued before this instant are refused by Graph (forced expiry).</summary>
    public DateTimeOffset TokensValidFrom { get; set; } = DateTimeOffset.MinValue;

    public GrantInfo ToInfo(string clientId) => new(clientId, ObjectId, Roles.Order(StringComparer.Ordinal).ToArray(), ConsentRequired);
}
