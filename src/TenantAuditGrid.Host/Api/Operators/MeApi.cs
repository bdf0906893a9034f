using TenantAuditGrid.Host.Access;

namespace TenantAuditGrid.Host.Api.Operators;

/// <summary>GET /api/me: who the product thinks the caller is, and what it may do.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", (HttpContext context) => TypedResults.Ok(MeView.From(OperatorCaller.From(context.User))))
            .WithTags("Operators")
            .RequireRole(OperatorRole.Reader);
        return endpoints;
    }
}

/// <param name="AllCustomers">Whether the caller sees every customer's tenants; customer scoping arrives with customer assignments.</param>
public sealed record MeView(string Id, string DisplayName, string Kind, OperatorRole Role, bool AllCustomers, IReadOnlyList<string> Customers)
{
    public static MeView From(OperatorCaller caller) =>
        new(caller.Id, caller.DisplayName, caller.Kind, caller.Role ?? throw new InvalidOperationException("The Reader policy admitted a caller without a role."), true, []);
}
