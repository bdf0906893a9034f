using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The HTTP face of <see cref="EmulatorControl"/> under <c>/_emulator</c>. Errors are RFC 7807 problem details.</summary>
internal static class ControlApi
{
    public static void MapControlApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/_emulator");
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (EmulatorControlException e)
            {
                return TypedResults.Problem(e.Message, statusCode: e.NotFound ? 404 : 400);
            }
        });

        api.MapGet("/tenants", (EmulatorControl c) => TypedResults.Ok(c.Tenants()));
        api.MapGet("/tenants/{id:guid}", (Guid id, EmulatorControl c) => TypedResults.Ok(c.Tenant(id)));
        api.MapPost("/tenants", (TenantSpec? spec, EmulatorControl c) => TypedResults.Ok(c.CreateTenant(spec)));
        api.MapPatch("/tenants/{id:guid}", (Guid id, TenantUpdate update, EmulatorControl c) => TypedResults.Ok(c.UpdateTenant(id, update)));
        api.MapGet("/apps", (EmulatorControl c) => TypedResults.Ok(c.Apps()));
        api.MapPost("/apps", (AppRegistrationRequest request, EmulatorControl c) => TypedResults.Ok(c.RegisterApp(request.ToSpec())));
        api.MapPut("/tenants/{id:guid}/grants/{clientId}", (Guid id, string clientId, GrantRequest? request, EmulatorControl c) =>
            TypedResults.Ok(c.Grant(id, clientId, request?.Roles)));
        api.MapPost("/tenants/{id:guid}/grants/{clientId}/requireConsent", (Guid id, string clientId, EmulatorControl c) =>
            TypedResults.Ok(c.RequireConsent(id, clientId)));
        api.MapDelete("/tenants/{id:guid}/grants/{clientId}/roles/{role}", (Guid id, string clientId, string role, EmulatorControl c) =>
            TypedResults.Ok(c.RevokeRole(id, clientId, role)));
        api.MapDelete("/tenants/{id:guid}/grants/{clientId}", (Guid id, string clientId, EmulatorControl c) =>
            c.RemoveServicePrincipal(id, clientId) ? Results.NoContent() : Results.NotFound());
        api.MapPost("/operatorClients", (OperatorClientRequest request, EmulatorControl c) =>
            TypedResults.Ok(c.CreateOperatorClient(request.DisplayName ?? string.Empty, request.AppRoles ?? [], request.Groups)));
        api.MapPost("/operatorUsers", (OperatorUserSpec spec, EmulatorControl c) => TypedResults.Ok(c.CreateOperatorUser(spec)));
        api.MapPost("/operatorRedirectUris", (RedirectUriRequest request, EmulatorControl c) =>
        {
            c.RegisterOperatorRedirectUri(request.Uri ?? throw new EmulatorControlException("A uri is required."));
            return TypedResults.NoContent();
        });
        api.MapPost("/tokens/expire", (Guid? tenantId, string? clientId, EmulatorControl c) =>
            TypedResults.Ok(new { expiredGrants = c.ExpireTokens(tenantId, clientId) }));
        api.MapGet("/faults", (EmulatorControl c) => TypedResults.Ok(c.Faults));
        api.MapPut("/faults", (FaultOptions faults, EmulatorControl c) =>
        {
            c.Faults = faults;
            return TypedResults.Ok(c.Faults);
        });
        api.MapGet("/tenants/{id:guid}/directoryAudits", (Guid id, DateTimeOffset? at, EmulatorControl c) => TypedResults.Ok(c.VisibleAuditEvents(id, at)));
        api.MapGet("/tenants/{id:guid}/directoryAudits/details", (Guid id, DateTimeOffset? at, EmulatorControl c) => TypedResults.Ok(c.VisibleAuditEventDetails(id, at)));
        api.MapGet("/tenants/{id:guid}/securityActions", (Guid id, EmulatorControl c) => TypedResults.Ok(c.SecurityActions(id)));
        api.MapPost("/tenants/{id:guid}/securityActions", (Guid id, SecurityActionSpec? spec, EmulatorControl c) => TypedResults.Ok(c.SubmitSecurityAction(id, spec)));
        api.MapGet("/clock", (EmulatorControl c) => TypedResults.Ok(new ClockState(c.Now)));
        api.MapPost("/clock/advance", (ClockAdvance request, EmulatorControl c) => TypedResults.Ok(new ClockState(c.AdvanceClock(request.By))));
    }
}

internal sealed record GrantRequest(IReadOnlyList<string>? Roles);

internal sealed record OperatorClientRequest(string? DisplayName, IReadOnlyList<string>? AppRoles, IReadOnlyList<Guid>? Groups);

internal sealed record RedirectUriRequest(Uri? Uri);

internal sealed record ClockState(DateTimeOffset Now);

internal sealed record ClockAdvance(TimeSpan By);

/// <summary>An app registration over HTTP: the certificate travels as PEM.</summary>
internal sealed record AppRegistrationRequest(
    string? ClientId,
    string? DisplayName,
    Guid? HomeTenantId,
    IReadOnlyList<string>? Roles,
    string? Secret,
    DateTimeOffset? SecretExpires,
    string? CertificatePem,
    DateTimeOffset? CertificateExpires)
{
    public AppSpec ToSpec()
    {
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (CertificatePem is { Length: > 0 })
        {
            try
            {
                certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(CertificatePem);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                throw new EmulatorControlException("certificatePem is not a PEM certificate.");
            }
        }

        var spec = new AppSpec
        {
            ClientId = ClientId,
            DisplayName = DisplayName ?? "Emulated app",
            HomeTenantId = HomeTenantId,
            Secret = Secret,
            SecretExpires = SecretExpires,
            Certificate = certificate,
            CertificateExpires = CertificateExpires,
        };
        return Roles is null ? spec : spec with { Roles = Roles };
    }
}
