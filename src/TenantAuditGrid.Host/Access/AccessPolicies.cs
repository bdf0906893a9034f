using Microsoft.AspNetCore.Authorization;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Deny by default: the fallback policy asks for an authenticated caller holding at least the Reader role on every endpoint that
/// says nothing, and routes say which role they need with <see cref="RequireRole{TBuilder}"/>. Anonymous routes opt out one by one
/// with <c>AllowAnonymous</c>; docs/security.md lists them.
/// </summary>
public static class AccessPolicies
{
    public static IServiceCollection AddOperatorAuthorization(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder();
        foreach (var role in Enum.GetValues<OperatorRole>())
        {
            builder.AddPolicy(OperatorRoles.PolicyName(role), Policy(role));
        }

        builder.SetFallbackPolicy(Policy(OperatorRole.Reader));
        return services;
    }

    /// <summary>Requires the caller to hold <paramref name="role"/> or a role above it.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, OperatorRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OperatorRoles.PolicyName(role));

    private static AuthorizationPolicy Policy(OperatorRole role) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(OperatorRoles.SatisfyingAppRoles(role)).Build();
}
