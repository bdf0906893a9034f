using System.Text.Json;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// Finds a tenant's Entra ID licence tier from v1.0 <c>/subscribedSkus</c> (readable with Directory.Read.All, which directoryAudits
/// needs anyway). A SKU counts while its <c>capabilityStatus</c> is Enabled or Warning (a lapsed subscription's grace period) and a plan
/// while its <c>provisioningStatus</c> is Success: an active AAD_PREMIUM_P2 plan means P2, an active AAD_PREMIUM plan P1, neither Free.
/// </summary>
public sealed class LicenceReader(RawPageFetcher fetcher)
{
    /// <summary>The code <see cref="LicenceReading.ReadError"/> holds when Graph answered with a body that is not a SKU list.</summary>
    public const string UnrecognisedResponse = "unrecognised_response";

    private static readonly string[] ActiveSkuStates = ["Enabled", "Warning"];

    /// <summary>The licence tier, or <see cref="TenantLicence.Unknown"/> with the reason when Graph would not say.</summary>
    public async Task<LicenceReading> ReadAsync(TenantGraphClient client, CancellationToken cancellationToken)
    {
        var request = client.Graph.SubscribedSkus.ToGetRequestInformation();
        try
        {
            using var document = await fetcher.FetchJsonAsync(client, request, source: null, cancellationToken).ConfigureAwait(false);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("value", out var skus) || skus.ValueKind != JsonValueKind.Array)
            {
                return new LicenceReading(TenantLicence.Unknown, UnrecognisedResponse);
            }

            var plans = skus.EnumerateArray().Where(IsActive).SelectMany(ActivePlans).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var licence = plans.Contains("AAD_PREMIUM_P2") ? TenantLicence.P2
                : plans.Contains("AAD_PREMIUM") ? TenantLicence.P1
                : TenantLicence.Free;
            return new LicenceReading(licence, null);
        }
        catch (GraphAccessException e)
        {
            return new LicenceReading(TenantLicence.Unknown, e.Failure.ErrorCode);
        }
    }

    private static bool IsActive(JsonElement sku) =>
        sku.TryGetProperty("capabilityStatus", out var status) && status.ValueKind == JsonValueKind.String
        && ActiveSkuStates.Contains(status.GetString(), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> ActivePlans(JsonElement sku) =>
        !sku.TryGetProperty("servicePlans", out var plans) || plans.ValueKind != JsonValueKind.Array
            ? []
            : plans.EnumerateArray()
                .Where(plan => plan.TryGetProperty("provisioningStatus", out var provisioning) && provisioning.ValueKind == JsonValueKind.String
                    && string.Equals(provisioning.GetString(), "Success", StringComparison.OrdinalIgnoreCase))
                .Select(plan => plan.TryGetProperty("servicePlanName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "");
}
