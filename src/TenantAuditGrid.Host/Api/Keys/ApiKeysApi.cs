using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Json;
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

    private static async Task<IResult> CreateAsync(HttpContext context, ApiKeyIssuer issuer, TimeProvider clock)
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

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = OperatorCaller.From(context.User);
        var (stored, key) = await issuer.IssueAsync(displayName!, role, request.ExpiresAt, caller.Id, context.RequestAborted);
        return TypedResults.Created($"/api/keys/{stored.KeyId}", new CreatedApiKey(ApiKeyView.From(stored, clock.GetUtcNow()), key));
    }

    private static async Task<IResult> ListAsync(IApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new { value = (await keys.ListAsync(cancellationToken)).Select(k => ApiKeyView.From(k, now)).ToList() });
    }

    private static async Task<IResult> GetAsync(string keyId, IApiKeyStore keys, TimeProvider clock, CancellationToken cancellationToken) =>
        await keys.GetAsync(keyId, cancellationToken) is { } key ? TypedResults.Ok(ApiKeyView.From(key, clock.GetUtcNow())) : KeyNotFound(keyId);

    private static async Task<IResult> RevokeAsync(string keyId, HttpContext context, IApiKeyStore keys, TimeProvider clock)
    {
        var revoked = await keys.RevokeAsync(keyId, clock.GetUtcNow(), OperatorCaller.From(context.User).Id, context.RequestAborted);
        return revoked is null ? KeyNotFound(keyId) : TypedResults.Ok(ApiKeyView.From(revoked, clock.GetUtcNow()));
    }

    private static IResult KeyNotFound(string keyId) =>
        TypedResults.Problem($"There is no API key {keyId}.", statusCode: StatusCodes.Status404NotFound, title: "API key not found");
}
