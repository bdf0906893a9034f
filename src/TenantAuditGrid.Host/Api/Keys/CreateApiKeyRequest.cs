namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>POST /api/keys.</summary>
/// <param name="DisplayName">What the key is for (e.g. "PSA sync"); shown in listings and in the activity it records.</param>
/// <param name="Role"><c>reader</c>, <c>operator</c> or <c>admin</c>; a string, so an unknown role gets an answer naming the choices.</param>
/// <param name="ExpiresAt">When the key stops working; never when absent.</param>
public sealed record CreateApiKeyRequest(string? DisplayName, string? Role, DateTimeOffset? ExpiresAt);
