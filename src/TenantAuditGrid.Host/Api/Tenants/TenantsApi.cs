using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tenants;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Customers;
using TenantAuditGrid.Host.Api.Json;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>/api/tenants: onboarding, credentials, health and offboarding. Lists come from the status store, single tenants from their grain.</summary>
public static class TenantsApi
{
    private const long MaxSingleBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/api/tenants").WithTags("Tenants");
        tenants.MapPost("/", OnboardAsync).WithRequestSizeLimit(MaxSingleBodyBytes).RequireRole(OperatorRole.Admin);
        tenants.MapGet("/", ListAsync).RequireRole(OperatorRole.Reader);
        var tenant = endpoints.MapGroup("/api/tenants").WithTags("Tenants").RequireTenantInScope();
        tenant.MapGet("/{tenantId}", GetAsync).RequireRole(OperatorRole.Reader);
        tenant.MapGet("/{tenantId}/status", GetStatusAsync).RequireRole(OperatorRole.Reader);
        tenant.MapGet("/{tenantId}/sync", GetSyncAsync).RequireRole(OperatorRole.Reader);
        tenant.MapPatch("/{tenantId}", PatchAsync).WithRequestSizeLimit(MaxSingleBodyBytes).RequireRole(OperatorRole.Admin);
        tenant.MapPut("/{tenantId}/credential", RotateCredentialAsync).WithRequestSizeLimit(MaxSingleBodyBytes).RequireRole(OperatorRole.Admin);
        tenant.MapPost("/{tenantId}/probe", ProbeAsync).RequireRole(OperatorRole.Operator);
        tenant.MapDelete("/{tenantId}", OffboardAsync).RequireRole(OperatorRole.Admin);
        endpoints.MapPost("/api/tenants:batch", TenantBatchImport.ImportAsync).WithTags("Tenants")
            .WithRequestSizeLimit(TenantBatchImport.MaxBodyBytes).RequireRole(OperatorRole.Admin);
        return endpoints;
    }

    /// <summary>Routes that name a tenant answer 404 for one outside the caller's customers, as for one never onboarded.</summary>
    public static TBuilder RequireTenantInScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        TenantScopeFilter.Apply(builder, (_, tenantId) => TenantResults.TenantNotFound(tenantId));

    private static RouteHandlerBuilder WithRequestSizeLimit(this RouteHandlerBuilder builder, long bytes) =>
        builder.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(bytes));

    private static async Task<IResult> OnboardAsync(
        HttpContext context, TenantRequestValidation validation, VisibleCustomers customers, IGrainFactory grains)
    {
        var (request, problem) = await JsonBody.ReadAsync<OnboardTenantRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (registration, tenantId, errors) = validation.ToRegistration(request!, credentialVersion: 1, await customers.IdsAsync(context));
        if (registration is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await grains.GetGrain<ITenantGrain>(tenantId).OnboardAsync(registration, probeNow: true);
        return TenantResults.From(result, tenant => TypedResults.Created($"/api/tenants/{tenant.TenantId}", tenant));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, ITenantStatusStore statusStore, ITenantScopeProvider scopes, VisibleCustomers customers,
        TenantHealthState? state, string? customer, string? tag, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 100;
        if (size is < 1 or > 1000)
        {
            return JsonBody.FieldProblem("pageSize", "pageSize must be between 1 and 1000.");
        }

        if (customer is not null && !(await customers.IdsAsync(context)).Contains(customer))
        {
            return JsonBody.FieldProblem("customer", VisibleCustomers.Unknown(customer));
        }

        var page = await statusStore.ListAsync(
            new TenantStatusQuery
            {
                Scope = await scopes.GetScopeAsync(cancellationToken),
                CustomerId = customer,
                HealthState = state is { } s ? TenantStatusRows.Name(s) : null,
                Tag = tag,
                AfterTenantId = pageToken,
                Limit = size,
            },
            cancellationToken);
        return TypedResults.Ok(new TenantListPage(page.Items, page.NextAfterTenantId));
    }

    private static async Task<IResult> GetAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        return await grains.GetGrain<ITenantGrain>(id).GetAsync() is { } tenant ? TypedResults.Ok(tenant) : TenantResults.TenantNotFound(id);
    }

    private static async Task<IResult> GetStatusAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        return await grains.GetGrain<ITenantGrain>(id).GetAsync() is { } tenant
            ? TypedResults.Ok(new { tenant.TenantId, tenant.State, tenant.Health, tenant.Capabilities, tenant.LastProbedAt })
            : TenantResults.TenantNotFound(id);
    }

    private static async Task<IResult> GetSyncAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        if (await grains.GetGrain<ITenantGrain>(id).GetAsync() is null)
        {
            return TenantResults.TenantNotFound(id);
        }

        return TypedResults.Ok(new { tenantId = id, sources = await grains.GetTenantSyncStatusAsync(id) });
    }

    private static async Task<IResult> PatchAsync(
        string tenantId, HttpContext context, TenantRequestValidation validation, VisibleCustomers customers, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        var (request, problem) = await JsonBody.ReadAsync<PatchTenantRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (update, errors) = validation.ToUpdate(request!, await customers.IdsAsync(context));
        return update is null ? TypedResults.ValidationProblem(errors) : TenantResults.From(await grains.GetGrain<ITenantGrain>(id).UpdateAsync(update));
    }

    private static async Task<IResult> RotateCredentialAsync(string tenantId, HttpContext context, TenantRequestValidation validation, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        var (request, problem) = await JsonBody.ReadAsync<CredentialRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var candidate = validation.ToCredential(id, request, version: 0, errors);
        return candidate is null
            ? TypedResults.ValidationProblem(errors)
            : TenantResults.From(await grains.GetGrain<ITenantGrain>(id).RotateCredentialAsync(candidate));
    }

    private static async Task<IResult> ProbeAsync(string tenantId, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        return TenantResults.From(await grains.GetGrain<ITenantGrain>(id).ProbeAsync());
    }

    private static async Task<IResult> OffboardAsync(string tenantId, bool? purge, IGrainFactory grains)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        var result = await grains.GetGrain<ITenantGrain>(id).OffboardAsync(purge ?? false);
        return TenantResults.From(result, _ => TypedResults.NoContent());
    }
}
