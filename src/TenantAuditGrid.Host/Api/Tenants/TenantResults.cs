using Microsoft.AspNetCore.Mvc;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>Maps a grain's command result to HTTP: refusals are problem details with a status that says which kind.</summary>
internal static class TenantResults
{
    public static IResult From(TenantCommandResult result, Func<TenantView, IResult>? onOk = null) => result.Outcome switch
    {
        TenantCommandOutcome.Ok => onOk?.Invoke(result.Tenant!) ?? TypedResults.Ok(result.Tenant),
        TenantCommandOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Tenant not found", result.Detail),
        TenantCommandOutcome.AlreadyOnboarded => Problem(StatusCodes.Status409Conflict, "Tenant already onboarded", result.Detail),
        TenantCommandOutcome.CredentialRejected => CredentialRejected(result),
        _ => Problem(StatusCodes.Status400BadRequest, "Invalid request", result.Detail),
    };

    public static IResult TenantNotFound(string tenantId) =>
        Problem(StatusCodes.Status404NotFound, "Tenant not found", $"tenant {tenantId} is not onboarded");

    public static IResult InvalidTenantId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tenantId"] = ["The tenant id must be a GUID."] });

    private static IResult CredentialRejected(TenantCommandResult result)
    {
        var probe = result.RejectedProbe;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Credential rejected by Entra",
            Detail = result.Detail,
        };
        if (probe is not null)
        {
            problem.Extensions["state"] = probe.State;
            problem.Extensions["health"] = probe.Sources;
        }

        return TypedResults.Problem(problem);
    }

    private static IResult Problem(int status, string title, string? detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
