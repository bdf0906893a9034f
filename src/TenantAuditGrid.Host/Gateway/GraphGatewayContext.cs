using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>What every gateway handler needs besides its route values, resolved once per request.</summary>
public sealed class GraphGatewayContext(
    DirectoryAuditQueryService directoryAudits,
    SecurityActionQueryService securityActions,
    DirectoryAuditQueryParser directoryAuditParser,
    SecurityActionQueryParser securityActionParser,
    SkipTokenProtector skipTokens,
    ITenantScopeProvider scopes,
    TimeProvider clock)
{
    public DirectoryAuditQueryService DirectoryAudits => directoryAudits;

    public SecurityActionQueryService SecurityActions => securityActions;

    public DirectoryAuditQueryParser DirectoryAuditParser => directoryAuditParser;

    public SecurityActionQueryParser SecurityActionParser => securityActionParser;

    public SkipTokenProtector SkipTokens => skipTokens;

    public ITenantScopeProvider Scopes => scopes;

    public TimeProvider Clock => clock;

    public GraphErrorResult BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message, clock);

    public GraphErrorResult NotFound(string message) => new(StatusCodes.Status404NotFound, "Request_ResourceNotFound", message, clock);
}
