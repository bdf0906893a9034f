using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Token lifetime checks on a given clock (the library's own check reads the system clock).</summary>
internal static class TokenLifetime
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static LifetimeValidator On(TimeProvider clock) => (notBefore, expires, _, _) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now < exp.ToUniversalTime() + Skew && (notBefore is null || now + Skew >= notBefore.Value.ToUniversalTime());
    };
}
