using TenantAuditGrid.Host.Access;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>POST /api/keys.</summary>
/// <param name="DisplayName">What the key is for (e.g. "PSA sync"); shown in listings and in the activity it records.</param>
/// <param name="ExpiresAt">When the key stops working; never when absent.</param>
public sealed record CreateApiKeyRequest(string? DisplayName, OperatorRole? Role, DateTimeOffset? ExpiresAt);
