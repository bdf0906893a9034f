using TenantAuditGrid.Host.Api.Grants;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>POST /api/keys.</summary>
/// <param name="DisplayName">What the key is for (e.g. "PSA sync"); shown in listings and in the activity it records.</param>
/// <param name="Role"><c>reader</c>, <c>operator</c> or <c>admin</c>; a string, so an unknown role gets an answer naming the choices.</param>
/// <param name="ExpiresAt">When the key stops working; never when absent.</param>
/// <param name="AllCustomers">A reader or operator key sees every customer; set this, or list <paramref name="Customers"/>.</param>
/// <param name="Customers">The customers a reader or operator key sees. An admin key sees every customer and takes neither.</param>
public sealed record CreateApiKeyRequest(string? DisplayName, string? Role, DateTimeOffset? ExpiresAt, bool? AllCustomers, List<string>? Customers)
{
    public CustomerGrantRequest Grant => new(AllCustomers, Customers);
}
