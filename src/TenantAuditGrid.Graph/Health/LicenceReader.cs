using System.Text.Json;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// Finds a tenant's Entra ID licence tier from v1.0 <c>/subscribedSkus</c> (readable with Directory.Read.All, which
/// directoryAudits needs anyway): an active SKU with the AAD_PREMIUM or AAD_PREMIUM_P2 service plan means P1/P2.
/// </summary>
public sealed class LicenceReader(RawPageFetcher fetcher)
{
    private static readonly string[] PremiumServicePlans = ["AAD_PREMIUM", "AAD_PREMIUM_P2"];

    /// <summary>The licence tier, or <see cref="TenantLicence.Unknown"/> when Graph would not say.</summary>
    public async Task<TenantLicence> ReadAsync(TenantGraphClient client, CancellationToken cancellationToken)
    {
        var request = client.Graph.SubscribedSkus.ToGetRequestInformation();
        try
        {
            using var document = await fetcher.FetchJsonAsync(client, request, source: null, cancellationToken).ConfigureAwait(false);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("value", out var skus) || skus.ValueKind != JsonValueKind.Array)
            {
                return TenantLicence.Unknown;
            }

            return skus.EnumerateArray().Any(IsActivePremium) ? TenantLicence.Premium : TenantLicence.Free;
        }
        catch (GraphAccessException)
        {
            return TenantLicence.Unknown;
        }
    }

    private static bool IsActivePremium(JsonElement sku)
    {
        if (sku.TryGetProperty("capabilityStatus", out var status) && status.ValueKind == JsonValueKind.String
            && !string.Equals(status.GetString(), "Enabled", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(status.GetString(), "Warning", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return sku.TryGetProperty("servicePlans", out var plans) && plans.ValueKind == JsonValueKind.Array
            && plans.EnumerateArray().Any(plan =>
                plan.TryGetProperty("servicePlanName", out var name) && name.ValueKind == JsonValueKind.String
                && PremiumServicePlans.Contains(name.GetString(), StringComparer.OrdinalIgnoreCase)
                && (!plan.TryGetProperty("provisioningStatus", out var provisioning) || provisioning.ValueKind != JsonValueKind.String
                    || string.Equals(provisioning.GetString(), "Success", StringComparison.OrdinalIgnoreCase)));
    }
}
