using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Json;
using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Api.Customers;

/// <summary>
/// /api/customers: the MSP's customers, which tenants belong to and operators are granted. Everyone reads the customers in their
/// scope; Admins create, rename and delete them.
/// </summary>
public static class CustomersApi
{
    public const int MaxDisplayNameLength = 256;

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder endpoints)
    {
        var customers = endpoints.MapGroup("/api/customers").WithTags("Customers");
        customers.MapGet("/", ListAsync).RequireRole(OperatorRole.Reader);
        customers.MapPost("/", CreateAsync).RequireRole(OperatorRole.Admin);
        customers.MapGet("/{customerId}", GetAsync).RequireRole(OperatorRole.Reader);
        customers.MapPatch("/{customerId}", RenameAsync).RequireRole(OperatorRole.Admin);
        customers.MapDelete("/{customerId}", DeleteAsync).RequireRole(OperatorRole.Admin);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, VisibleCustomers visible) =>
        TypedResults.Ok(new { value = (await visible.ListAsync(context)).Select(CustomerView.From).ToList() });

    // A customer out of the caller's scope is not found, exactly as one that does not exist.
    private static async Task<IResult> GetAsync(string customerId, HttpContext context, OperatorScopeResolver scopes, ICustomerStore customers) =>
        CustomerIds.IsValid(customerId) && (await scopes.CustomersAsync(context)).Covers(customerId)
            && await customers.GetAsync(customerId, context.RequestAborted) is { } customer
            ? TypedResults.Ok(CustomerView.From(customer))
            : CustomerNotFound(customerId);

    private static async Task<IResult> CreateAsync(HttpContext context, ICustomerStore customers, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateCustomerRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (!CustomerIds.IsValid(request!.Id))
        {
            errors["id"] = [$"id is required: {CustomerIds.Rule}."];
        }

        var displayName = CheckDisplayName(request.DisplayName, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var customer = new CustomerRecord
        {
            CustomerId = request.Id!,
            DisplayName = displayName!,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = OperatorCaller.From(context.User).Id,
        };
        return await customers.CreateAsync(customer, context.RequestAborted)
            ? TypedResults.Created($"/api/customers/{customer.CustomerId}", CustomerView.From(customer))
            : TypedResults.Problem($"Customer '{customer.CustomerId}' already exists.", statusCode: StatusCodes.Status409Conflict, title: "Customer exists");
    }

    private static async Task<IResult> RenameAsync(string customerId, HttpContext context, ICustomerStore customers)
    {
        if (!CustomerIds.IsValid(customerId))
        {
            return CustomerNotFound(customerId);
        }

        var (request, problem) = await JsonBody.ReadAsync<RenameCustomerRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var displayName = CheckDisplayName(request!.DisplayName, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await customers.RenameAsync(customerId, displayName!, context.RequestAborted) is { } renamed
            ? TypedResults.Ok(CustomerView.From(renamed))
            : CustomerNotFound(customerId);
    }

    private static async Task<IResult> DeleteAsync(string customerId, ICustomerStore customers, CancellationToken cancellationToken) =>
        !CustomerIds.IsValid(customerId) ? CustomerNotFound(customerId) : await customers.DeleteAsync(customerId, cancellationToken) switch
        {
            CustomerDeletion.Deleted => TypedResults.NoContent(),
            CustomerDeletion.HasTenants => TypedResults.Problem(
                $"Tenants still belong to customer '{customerId}'; move them to another customer (PATCH /api/tenants/{{id}}) or offboard them first.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Customer has tenants"),
            _ => CustomerNotFound(customerId),
        };

    private static string? CheckDisplayName(string? value, Dictionary<string, string[]> errors)
    {
        var displayName = value?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [$"displayName is required, at most {MaxDisplayNameLength} characters."];
        }

        return displayName;
    }

    private static IResult CustomerNotFound(string customerId) =>
        TypedResults.Problem($"There is no customer '{customerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Customer not found");
}
