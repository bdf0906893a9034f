using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Api.Customers;

/// <summary>A customer as the API shows it.</summary>
public sealed record CustomerView(string Id, string DisplayName, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static CustomerView From(CustomerRecord customer) => new(customer.CustomerId, customer.DisplayName, customer.CreatedAt, customer.CreatedBy);
}

/// <summary>POST /api/customers.</summary>
/// <param name="Id">Lowercase letters, digits and hyphens (e.g. <c>contoso</c>, or a PSA company number); it never changes.</param>
public sealed record CreateCustomerRequest(string? Id, string? DisplayName);

/// <summary>PATCH /api/customers/{customerId}.</summary>
public sealed record RenameCustomerRequest(string? DisplayName);
