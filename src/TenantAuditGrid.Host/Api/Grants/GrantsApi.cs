using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Customers;
using TenantAuditGrid.Host.Api.Json;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Grants;

/// <summary>
/// /api/grants/{kind}/{id}: which customers an Entra user or application (<c>user</c>, by object id), an Entra group (<c>group</c>)
/// or an API key (<c>apiKey</c>) may see. Admins see every customer without a grant; a Reader or Operator sees the union of the
/// grants of its object id, its groups and its key. Admin only.
/// </summary>
public static class GrantsApi
{
    public static IEndpointRouteBuilder MapGrantsApi(this IEndpointRouteBuilder endpoints)
    {
        var grants = endpoints.MapGroup("/api/grants").WithTags("Access grants").RequireRole(OperatorRole.Admin);
        grants.MapGet("/", ListAsync);
        grants.MapGet("/{kind}/{id}", GetAsync);
        grants.MapPut("/{kind}/{id}", SetAsync);
        grants.MapDelete("/{kind}/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(IAccessGrantStore grants, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { value = (await grants.ListAsync(cancellationToken)).Select(GrantView.From).ToList() });

    private static async Task<IResult> GetAsync(string kind, string id, IAccessGrantStore grants, CancellationToken cancellationToken)
    {
        if (Principal(kind, id) is not { } principal)
        {
            return NoSuchPrincipal(kind);
        }

        return await grants.GetAsync(principal, cancellationToken) is { } grant ? TypedResults.Ok(GrantView.From(grant)) : GrantNotFound(kind, id);
    }

    private static async Task<IResult> SetAsync(
        string kind, string id, HttpContext context, IAccessGrantStore grants, VisibleCustomers customers, IApiKeyStore keys, TimeProvider clock)
    {
        if (Principal(kind, id) is not { } principal)
        {
            return NoSuchPrincipal(kind);
        }

        var (request, problem) = await JsonBody.ReadAsync<CustomerGrantRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (kind == "apiKey")
        {
            var key = await keys.GetAsync(id, context.RequestAborted);
            if (key is null)
            {
                return TypedResults.Problem($"There is no API key {id}.", statusCode: StatusCodes.Status404NotFound, title: "API key not found");
            }

            if (key.Role == OperatorRoles.ApiName(OperatorRole.Admin))
            {
                errors["customers"] = ["An admin key sees every customer; grants are for reader and operator keys."];
            }
        }

        var granted = request!.Validate(await customers.IdsAsync(context), errors);
        if (errors.Count > 0 || granted is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var stored = granted.ToGrant(principal, clock.GetUtcNow(), OperatorCaller.From(context.User).Id);
        await grants.SetAsync(stored, context.RequestAborted);
        return TypedResults.Ok(GrantView.From(stored));
    }

    private static async Task<IResult> DeleteAsync(string kind, string id, IAccessGrantStore grants, CancellationToken cancellationToken)
    {
        if (Principal(kind, id) is not { } principal)
        {
            return NoSuchPrincipal(kind);
        }

        return await grants.DeleteAsync(principal, cancellationToken) ? TypedResults.NoContent() : GrantNotFound(kind, id);
    }

    /// <summary>The principal a route names, spelled as callers are matched: Entra ids as lowercase GUIDs.</summary>
    private static string? Principal(string kind, string id) => kind switch
    {
        "user" or "group" => Guid.TryParseExact(id, "D", out var objectId) ? GrantPrincipals.Of(kind, objectId.ToString("D")) : null,
        "apiKey" => ApiKeyFormat.IsKeyId(id) ? ApiKeyCaller.Id(id) : null,
        _ => null,
    };

    private static IResult NoSuchPrincipal(string kind) => TypedResults.Problem(
        GrantPrincipals.Kinds.Contains(kind)
            ? $"A {kind} is named by its {(kind == "apiKey" ? "key id (16 hex digits)" : "Entra object id (a GUID)")}."
            : $"'{kind}' is not a kind of principal; use user, group or apiKey.",
        statusCode: StatusCodes.Status404NotFound,
        title: "No such principal");

    private static IResult GrantNotFound(string kind, string id) =>
        TypedResults.Problem($"The {kind} {id} has no grant.", statusCode: StatusCodes.Status404NotFound, title: "Grant not found");
}
