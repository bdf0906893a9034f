using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Health;

/// <summary>What <c>/subscribedSkus</c> said: the licence, or why it could not be read (a Graph error code).</summary>
public sealed record LicenceReading(TenantLicence Licence, string? ReadError);
