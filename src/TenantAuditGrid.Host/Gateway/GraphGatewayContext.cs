using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>What every gateway handler needs besides its route values, resolved once per request.</summary>
public sealed class GraphGatewayContext(
    AuditQueryService queries,
    AuditQueryParser parser,
    SkipTokenProtector skipTokens,
    ITenantScopeProvider scopes,
    TimeProvider clock)
{
    public AuditQueryService Queries => queries;

    public AuditQueryParser Parser => parser;

    public SkipTokenProtector SkipTokens => skipTokens;

    public ITenantScopeProvider Scopes => scopes;

    public TimeProvider Clock => clock;

    public GraphErrorResult BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message, clock);

    public GraphErrorResult NotFound(string message) => new(StatusCodes.Status404NotFound, "Request_ResourceNotFound", message, clock);
}
