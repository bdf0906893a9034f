using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary><c>GET /v1.0/auditLogs/directoryAudits</c> and <c>/{id}</c>, with $filter, $orderby, $top and $skiptoken paging.</summary>
internal static class DirectoryAuditsEndpoint
{
    private const string Collection = "auditLogs/directoryAudits";

    public static void MapDirectoryAudits(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1.0/auditLogs/directoryAudits", ListAsync);
        routes.MapGet("/v1.0/auditLogs/directoryAudits/{id}", GetAsync);
        routes.MapGet("/v1.0/$metadata", () => Results.Text(GraphSchema.Csdl(), "application/xml"));
    }

    public static GraphError? Authorize(Caller caller) =>
        !caller.Has(GraphRoles.AuditLogReadAll) ? GraphErrors.PermissionMissing()
        : !caller.Has(GraphRoles.DirectoryReadAll) ? GraphErrors.RequestDenied()
        : null;

    private static async Task<IResult> ListAsync(HttpContext http, GraphGate gate, EmulatorDirectory directory, AuditEventStore store, SkipTokens skipTokens, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: true, Authorize).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        var tenant = directory.FindActivity(caller.TenantId)!;
        var queryString = http.Request.Query;
        string? filter = queryString["$filter"];
        string? orderBy = queryString["$orderby"];
        int top;
        AuditCursor? cursor = null;
        if (queryString["$skiptoken"].ToString() is { Length: > 0 } token)
        {
            var state = skipTokens.Read(token);
            if (state is null || state.Collection != Collection || state.TenantId != caller.TenantId || !string.Equals(state.ClientId, caller.ClientId, StringComparison.OrdinalIgnoreCase)
                || (runtime.Faults.InvalidSkipTokenRate > 0 && runtime.NextFaultDraw() < runtime.Faults.InvalidSkipTokenRate))
            {
                return GraphErrors.Result(http, now, 400, "Request_BadRequest", "Token not found: token is either invalid or expired");
            }

            (filter, orderBy, top, cursor) = (state.Filter, state.OrderBy, state.Top, new AuditCursor(state.CursorTime, state.CursorId));
        }
        else if (!TryReadTop(queryString["$top"], runtime.Options, out top))
        {
            return GraphErrors.Result(http, now, 400, "BadRequest", $"Invalid page size specified: '{queryString["$top"]}'. Must be between 1 and {runtime.Options.MaxPageSize} inclusive.");
        }

        AuditQuery query;
        try
        {
            query = AuditQueryCompiler.Compile(filter, orderBy);
        }
        catch (GraphQueryException e)
        {
            return GraphErrors.Result(http, now, 400, e.Code, e.Message);
        }

        var page = store.Page(tenant, now, query, cursor, top, runtime.Options.MaxEventsScannedPerPage);
        string? nextLink = null;
        if (page.Next is { } next)
        {
            var state = new SkipTokenState(Collection, caller.TenantId, caller.ClientId, filter, orderBy, top, next.ActivityDateTime, next.Id, default);
            nextLink = new Uri(RequestBaseAddress.Of(http.Request), $"v1.0/{Collection}?$skiptoken={skipTokens.Issue(state)}").ToString();
        }

        return new PageResult(new Uri(RequestBaseAddress.Of(http.Request), $"v1.0/$metadata#{Collection}").ToString(), page.Events, nextLink);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GraphGate gate, EmulatorDirectory directory, AuditEventStore store, EmulatorRuntime runtime)
    {
        var outcome = await gate.AdmitAsync(http, reportsFamily: true, Authorize).ConfigureAwait(false);
        if (outcome.Caller is not { } caller)
        {
            return outcome.Failure!;
        }

        var now = runtime.Clock.GetUtcNow();
        var found = store.Find(directory.FindActivity(caller.TenantId)!, id, now);
        if (found is null)
        {
            return GraphErrors.Result(http, now, 404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
        }

        return new EntityResult(new Uri(RequestBaseAddress.Of(http.Request), $"v1.0/$metadata#{Collection}/$entity").ToString(), found);
    }

    internal static bool TryReadTop(string? value, EmulatorOptions options, out int top)
    {
        if (string.IsNullOrEmpty(value))
        {
            top = options.DefaultPageSize;
            return true;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out top)
            && top >= 1 && top <= options.MaxPageSize;
    }

    private sealed class PageResult(string context, IReadOnlyList<AuditEvent> events, string? nextLink) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
            await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteString("@odata.context", context);
            writer.WritePropertyName("value");
            writer.WriteStartArray();
            foreach (var e in events)
            {
                JsonSerializer.Serialize(writer, e, GraphJsonContext.Default.AuditEvent);
            }

            writer.WriteEndArray();
            if (nextLink is not null)
            {
                writer.WriteString("@odata.nextLink", nextLink);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed class EntityResult(string context, AuditEvent e) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json;odata.metadata=minimal;charset=utf-8";
            var element = JsonSerializer.SerializeToElement(e, GraphJsonContext.Default.AuditEvent);
            await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteString("@odata.context", context);
            foreach (var property in element.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
