using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Customers;

namespace TenantAuditGrid.Host.Api.Operators;

/// <summary>GET /api/me: who the product thinks the caller is, and what it may do.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", GetAsync).WithTags("Operators").RequireRole(OperatorRole.Reader);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext context, OperatorScopeResolver scopes, VisibleCustomers customers)
    {
        var caller = OperatorCaller.From(context.User);
        var scope = await scopes.CustomersAsync(context);
        return TypedResults.Ok(new MeView(
            caller.Id,
            caller.DisplayName,
            caller.Kind,
            caller.Role ?? throw new InvalidOperationException("The Reader policy admitted a caller without a role."),
            scope.AllCustomers,
            [.. (await customers.ListAsync(context)).Select(c => c.CustomerId)]));
    }
}

/// <param name="AllCustomers">Whether the caller sees every customer's tenants, present and future (Admins always do).</param>
/// <param name="Customers">The ids of the customers the caller sees today.</param>
public sealed record MeView(string Id, string DisplayName, string Kind, OperatorRole Role, bool AllCustomers, IReadOnlyList<string> Customers);
