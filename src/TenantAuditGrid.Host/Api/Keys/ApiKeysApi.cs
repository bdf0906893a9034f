using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Customers;
using TenantAuditGrid.Host.Api.Grants;
using TenantAuditGrid.Host.Api.Json;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>/api/keys: API keys for automation, created, listed and revoked by an Admin. A key is shown once, when created.</summary>
public static class ApiKeysApi
{
    public const int MaxDisplayNameLength = 200;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/keys").WithTags("API keys").RequireRole(OperatorRole.Admin);
        keys.MapPost("/", CreateAsync);
        keys.MapGet("/", ListAsync);
        keys.MapGet("/{keyId}", GetAsync);
        keys.MapDelete("/{keyId}", RevokeAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyIssuer issuer, VisibleCustomers customers, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var displayName = request!.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [$"displayName is required, at most {MaxDisplayNameLength} characters."];
        }

        var role = OperatorRole.Reader;
        if (request.Role is null || !OperatorRoles.TryParseApiName(request.Role, out role))
        {
            errors["role"] = ["role is required: reader, operator or admin."];
        }

        if (request.ExpiresAt <= clock.GetUtcNow())
        {
            errors["expiresAt"] = ["expiresAt must be in the future; leave it out for a key that does not expire."];
        }

        GrantedCustomers? granted = null;
        if (role == OperatorRole.Admin)
        {
            if (request.AllCustomers is not null || request.Customers is not null)
            {
                errors["customers"] = ["An admin key sees every customer; leave allCustomers and customers out."];
            }
        }
        else if (errors.Count == 0)
        {
            granted = request.Grant.Validate(await customers.IdsAsync(context), errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = OperatorCaller.From(context.User);
        var (stored, key, grant) = await issuer.IssueAsync(displayName!, role, request.ExpiresAt, granted, caller.Id, context.RequestAborted);
        return TypedResults.Created($"/api/keys/{stored.KeyId}", new CreatedApiKey(ApiKeyView.From(stored, grant, clock.GetUtcNow()), key));
    }

    private static async Task<IResult> ListAsync(IApiKeyStore keys, IAccessGrantStore grants, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var byPrincipal = (await grants.ListAsync(cancellationToken)).ToDictionary(g => g.Principal, StringComparer.Ordinal);
        return TypedResults.Ok(new
        {
            value = (await keys.ListAsync(cancellationToken)).Select(k => ApiKeyView.From(k, byPrincipal.GetValueOrDefault(ApiKeyCaller.Id(k.KeyId)), now)).ToList(),
        });
    }

    private static async Task<IResult> GetAsync(string keyId, IApiKeyStore keys, IAccessGrantStore grants, TimeProvider clock, CancellationToken cancellationToken) =>
        await keys.GetAsync(keyId, cancellationToken) is { } key
            ? TypedResults.Ok(ApiKeyView.From(key, await grants.GetAsync(ApiKeyCaller.Id(keyId), cancellationToken), clock.GetUtcNow()))
            : KeyNotFound(keyId);

    private static async Task<IResult> RevokeAsync(string keyId, HttpContext context, IApiKeyStore keys, IAccessGrantStore grants, TimeProvider clock)
    {
        var revoked = await keys.RevokeAsync(keyId, clock.GetUtcNow(), OperatorCaller.From(context.User).Id, context.RequestAborted);
        return revoked is null
            ? KeyNotFound(keyId)
            : TypedResults.Ok(ApiKeyView.From(revoked, await grants.GetAsync(ApiKeyCaller.Id(keyId), context.RequestAborted), clock.GetUtcNow()));
    }

    private static IResult KeyNotFound(string keyId) =>
        TypedResults.Problem($"There is no API key {keyId}.", statusCode: StatusCodes.Status404NotFound, title: "API key not found");
}
