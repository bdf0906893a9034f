using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Graph.Consent;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Tenants;

namespace TenantAuditGrid.Host.Api.Consent;

/// <summary>
/// Admin consent for the shared MSP app: a link a tenant's Global Administrator opens, and the callback Entra redirects back to.
/// The callback only triggers a re-probe; what the tenant can actually be read for is decided by the probe, not by the redirect's word.
/// </summary>
public static class ConsentApi
{
    public const string CallbackPath = "/api/consent/callback";

    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/tenants/{tenantId}/consent-url", GetConsentUrlAsync).WithTags("Consent").RequireRole(OperatorRole.Admin)
            .RequireTenantInScope();
        // Entra redirects the consenting customer admin here: a browser with no session of ours.
        endpoints.MapGet(CallbackPath, CallbackAsync).WithTags("Consent").AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> GetConsentUrlAsync(
        string tenantId, HttpRequest request, IGrainFactory grains, IOptions<GraphEndpointOptions> endpoints, IOptions<SharedAppOptions> sharedApp)
    {
        if (!TenantKeys.TryNormalize(tenantId, out var id))
        {
            return TenantResults.InvalidTenantId();
        }

        if (string.IsNullOrWhiteSpace(sharedApp.Value.ClientId))
        {
            return TypedResults.Problem(
                "No shared MSP app is configured (TenantAuditGrid:SharedApp:ClientId), so there is nothing to consent to.",
                statusCode: StatusCodes.Status409Conflict, title: "Shared app not configured");
        }

        if (await grains.GetGrain<ITenantGrain>(id).GetAsync() is null)
        {
            return TenantResults.TenantNotFound(id);
        }

        var redirect = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}");
        var url = AdminConsentLink.Build(endpoints.Value.AuthorityHost, id, sharedApp.Value.ClientId, redirect, state: id);
        return TypedResults.Ok(new { tenantId = id, consentUrl = url, redirectUri = redirect });
    }

    private static async Task<IResult> CallbackAsync(
        string? tenant,
        string? state,
        [FromQuery(Name = "admin_consent")] string? adminConsent,
        string? error,
        [FromQuery(Name = "error_description")] string? errorDescription,
        IGrainFactory grains)
    {
        // Entra returns the consenting tenant as 'tenant' on success; on failure only our own 'state' comes back.
        if (!TenantKeys.TryNormalize(tenant ?? state, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["The callback names no known tenant."] });
        }

        var granted = string.Equals(adminConsent, "True", StringComparison.OrdinalIgnoreCase) && error is null;
        var result = await grains.GetGrain<ITenantGrain>(id).RecordConsentAsync(new ConsentOutcome(granted, error, errorDescription));
        return TenantResults.From(result);
    }
}
