using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// <c>/beta/security/securityActions</c>: list (newest first, <c>$top</c> and <c>$skiptoken</c> paging like directoryAudits), get,
/// create (201) and cancelSecurityAction.
/// </summary>
internal static class SecurityActionsEndpoint
{
    private const string Collection = "security/securityActions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSecurityActions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/beta/security/securityActions");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/{id}/cancelSecurityAction", CancelAsync);
    }

    private static GraphError? CanRead(Caller caller) =>
        caller.Has(GraphRoles.SecurityActionsReadAll) || caller.Has(GraphRoles.SecurityActionsReadWriteAll) ? null : GraphErrors.RequestDenied();

    private static GraphError? CanWrite(Caller caller) => caller.Has(GraphRoles.SecurityActionsReadWriteAll) ? null : GraphErrors.RequestDenied();

    private static async Task<IResult> ListAsync(HttpContext http, GraphGate gate, SecurityActionStore store, SkipTokens skipTokens, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: false, CanRead).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        var query = http.Request.Query;
        int top;
        SecurityActionCursor? cursor = null;
        if (query["$skiptoken"].ToString() is { Length: > 0 } token)
        {
            var state = skipTokens.Read(token);
            if (state is null || state.Collection != Collection || state.TenantId != caller.TenantId
                || !string.Equals(state.ClientId, caller.ClientId, StringComparison.OrdinalIgnoreCase)
                || (runtime.Faults.InvalidSkipTokenRate > 0 && runtime.NextFaultDraw() < runtime.Faults.InvalidSkipTokenRate))
            {
                return GraphErrors.Result(http, now, 400, "Request_BadRequest", "Token not found: token is either invalid or expired");
            }

            (top, cursor) = (state.Top, new SecurityActionCursor(state.CursorTime, state.CursorId));
        }
        else if (!DirectoryAuditsEndpoint.TryReadTop(query["$top"], runtime.Options, out top))
        {
            return GraphErrors.Result(http, now, 400, "BadRequest", $"Invalid page size specified: '{query["$top"]}'. Must be between 1 and {runtime.Options.MaxPageSize} inclusive.");
        }

        var (items, next) = store.Page(caller.TenantId, cursor, top);
        var page = new Dictionary<string, object>
        {
            ["@odata.context"] = new Uri(RequestBaseAddress.Of(http.Request), $"beta/$metadata#{Collection}").ToString(),
            ["value"] = items.Select(a => Shape(a, now)).ToArray(),
        };
        if (next is not null)
        {
            var state = new SkipTokenState(Collection, caller.TenantId, caller.ClientId, null, null, top, next.CreatedDateTime, next.Id, default);
            page["@odata.nextLink"] = new Uri(RequestBaseAddress.Of(http.Request), $"beta/{Collection}?$skiptoken={skipTokens.Issue(state)}").ToString();
        }

        return TypedResults.Json(page, Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GraphGate gate, SecurityActionStore store, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: false, CanRead).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        return store.Find(caller.TenantId, id) is { } action
            ? TypedResults.Json(Shape(action, now), Json)
            : GraphErrors.Result(http, now, 404, "ResourceNotFound", $"Resource '{id}' does not exist.");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GraphGate gate, SecurityActionStore store, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: false, CanWrite).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        SecurityActionRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<SecurityActionRequest>(http.Request.Body, Json, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return GraphErrors.Result(http, now, 400, "BadRequest", "The request body is not valid JSON for a securityAction.");
        }

        if (Invalid(request) is { } problem)
        {
            return GraphErrors.Result(http, now, 400, "BadRequest", problem);
        }

        var created = store.Create(caller.TenantId, request!, caller.ClientId, caller.ServicePrincipalId, now);
        var location = new Uri(RequestBaseAddress.Of(http.Request), $"beta/security/securityActions/{created.Id}");
        return TypedResults.Created(location, Shape(created, now));
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, GraphGate gate, SecurityActionStore store, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: false, CanWrite).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        return store.Cancel(caller.TenantId, id, now) switch
        {
            null => GraphErrors.Result(http, now, 404, "ResourceNotFound", $"Resource '{id}' does not exist."),
            false => GraphErrors.Result(http, now, 400, "BadRequest", "The action has already finished or was canceled; it cannot be canceled."),
            true => Results.Ok(),
        };
    }

    private static string? Invalid(SecurityActionRequest? request) => request switch
    {
        null => "A securityAction body is required.",
        { Name: null or { Length: 0 } } => "The property 'name' is required.",
        { Parameters: null or { Count: 0 } } => "The property 'parameters' is required and must not be empty.",
        { Parameters: var parameters } when parameters.Any(p => string.IsNullOrWhiteSpace(p?.Name)) => "Every parameter needs a name.",
        { ClientContext.Length: > 256 } => "The property 'clientContext' must be at most 256 characters.",
        _ => null,
    };

    /// <summary>The securityAction JSON; camelCase status as the service's own example answers.</summary>
    internal static Dictionary<string, object?> Shape(SecurityActionRecord action, DateTimeOffset now)
    {
        var states = action.States(now);
        var last = states[^1];
        return new Dictionary<string, object?>
        {
            ["id"] = action.Id,
            ["name"] = action.Name,
            ["actionReason"] = action.ActionReason,
            ["clientContext"] = action.ClientContext,
            ["parameters"] = action.Parameters,
            ["vendorInformation"] = action.VendorInformation,
            ["user"] = action.User,
            ["appId"] = action.AppId,
            ["azureTenantId"] = action.TenantId.ToString(),
            ["status"] = last.Status,
            ["errorInfo"] = action.ErrorInfo(now),
            ["createdDateTime"] = action.CreatedDateTime,
            ["lastActionDateTime"] = last.UpdatedDateTime,
            ["completedDateTime"] = action.IsFinished(now) ? last.UpdatedDateTime : null,
            ["states"] = states,
        };
    }
}
