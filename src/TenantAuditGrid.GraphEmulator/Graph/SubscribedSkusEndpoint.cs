using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// <c>GET /v1.0/subscribedSkus</c>: the tenant's subscriptions as Graph lists them. Every tenant has Microsoft 365 Business Basic,
/// which carries no Entra ID premium plan; P1 adds the Entra ID P1 SKU (plan <c>AAD_PREMIUM</c>), P2 the Entra ID P2 SKU (plans
/// <c>AAD_PREMIUM</c> and <c>AAD_PREMIUM_P2</c>). A premium SKU a downgrade ended stays listed as <c>Suspended</c>, its plans
/// <c>Disabled</c>. Readable with any of the permissions Graph documents for this call; Graph supports only <c>$select</c> here.
/// </summary>
internal static class SubscribedSkusEndpoint
{
    private static readonly string[] ReadingRoles =
    [
        GraphRoles.LicenseAssignmentReadAll, GraphRoles.OrganizationReadAll, GraphRoles.OrganizationReadWriteAll,
        GraphRoles.DirectoryReadAll, GraphRoles.DirectoryReadWriteAll,
    ];

    private static readonly Plan EntraP1 = new("41781fb2-bc02-4b7c-bd55-b576c07bb09d", "AAD_PREMIUM");
    private static readonly Plan EntraP2 = new("eec0eb4f-6444-4f95-aba0-50c24d67f998", "AAD_PREMIUM_P2");
    private static readonly Plan Mfa = new("8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM");

    private static readonly Sku BusinessBasic = new(1, "3b555118-da6a-4418-894f-7df1e2096870", "O365_BUSINESS_ESSENTIALS",
    [
        new("9aaf7827-d63c-4b61-89c3-182f06f82e5c", "EXCHANGE_S_STANDARD"),
        new("c7699d2e-19aa-44de-8edf-1736da088ca1", "SHAREPOINTSTANDARD"),
        new("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1"),
    ]);

    private static readonly Sku P1 = new(2, "078d2b04-f1bd-4111-bbd4-b4b1b354cef4", "AAD_PREMIUM", [EntraP1, Mfa]);
    private static readonly Sku P2 = new(3, "84a661c4-e949-4bd2-a560-ed7766fcaf2b", "AAD_PREMIUM_P2", [EntraP1, EntraP2, Mfa]);

    public static void MapSubscribedSkus(this IEndpointRouteBuilder routes) => routes.MapGet("/v1.0/subscribedSkus", ListAsync);

    private static async Task<IResult> ListAsync(HttpContext http, GraphGate gate, EmulatorDirectory directory, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: false, Authorize).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        var tenant = directory.FindLicensing(caller.TenantId)!;
        if (tenant.ReadRefused)
        {
            return GraphErrors.Result(http, now, 403, "Authorization_RequestDenied", GraphErrors.InsufficientPrivilegesMessage);
        }

        var skus = new List<object> { Shape(tenant, BusinessBasic, active: true) };
        if (Premium(tenant.Licence) is { } current)
        {
            skus.Add(Shape(tenant, current, active: true));
        }
        else if (Premium(tenant.LapsedLicence) is { } lapsed)
        {
            skus.Add(Shape(tenant, lapsed, active: false));
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["@odata.context"] = new Uri(RequestBaseAddress.Of(http.Request), "v1.0/$metadata#subscribedSkus").ToString(),
            ["value"] = skus,
        });
    }

    private static GraphError? Authorize(Caller caller) => ReadingRoles.Any(caller.Has) ? null : GraphErrors.RequestDenied();

    private static Sku? Premium(TenantLicence? licence) => licence switch
    {
        TenantLicence.P1 => P1,
        TenantLicence.P2 => P2,
        _ => null,
    };

    private static Dictionary<string, object> Shape(TenantLicensing tenant, Sku sku, bool active) => new()
    {
        ["accountName"] = tenant.DisplayName,
        ["accountId"] = tenant.TenantId.ToString(),
        ["appliesTo"] = "User",
        ["capabilityStatus"] = active ? "Enabled" : "Suspended",
        ["consumedUnits"] = active ? 25 : 0,
        ["id"] = $"{tenant.TenantId}_{sku.SkuId}",
        ["prepaidUnits"] = new { enabled = active ? 25 : 0, suspended = active ? 0 : 25, warning = 0, lockedOut = 0 },
        ["servicePlans"] = sku.Plans.Select(plan => new
        {
            servicePlanId = plan.Id,
            servicePlanName = plan.Name,
            provisioningStatus = active ? "Success" : "Disabled",
            appliesTo = "User",
        }).ToArray(),
        ["skuId"] = sku.SkuId,
        ["skuPartNumber"] = sku.PartNumber,
        ["subscriptionIds"] = new[] { StableHash.Guid(BitConverter.ToUInt64(tenant.TenantId.ToByteArray()), sku.Ordinal, 0x5C0).ToString() },
    };

    private sealed record Plan(string Id, string Name);

    private sealed record Sku(ulong Ordinal, string SkuId, string PartNumber, Plan[] Plans);
}
