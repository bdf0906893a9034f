using System.Text.Json;
using System.Text.Json.Serialization;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Grains.Tenants;

/// <summary>The row a tenant grain publishes for lists and filters; health values are spelled as the API spells them (camelCase).</summary>
public static class TenantStatusRows
{
    private static readonly JsonSerializerOptions CapabilitiesJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static TenantStatusRecord From(string tenantId, TenantState tenant, TenantHealthState overall, DateTimeOffset now)
    {
        var worst = tenant.Health
            .Where(h => tenant.Sources.Contains(h.Source) && h.State == overall)
            .OrderBy(h => h.Since)
            .FirstOrDefault();
        return new TenantStatusRecord
        {
            TenantId = tenantId,
            DisplayName = tenant.DisplayName,
            Tags = tenant.Tags,
            CustomerId = tenant.CustomerId,
            EnabledSources = [.. tenant.Sources.Select(Name)],
            HealthState = Name(overall),
            HealthSince = worst?.Since ?? tenant.OnboardedAt,
            LastErrorCode = worst?.LastErrorCode,
            Remediation = worst?.Remediation,
            Capabilities = JsonSerializer.SerializeToElement(tenant.Capabilities, CapabilitiesJson),
            UpdatedAt = now,
            Version = tenant.StatusVersion,
        };
    }

    public static string Name(TenantHealthState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    public static string Name(AuditSource source) => JsonNamingPolicy.CamelCase.ConvertName(source.ToString());
}
