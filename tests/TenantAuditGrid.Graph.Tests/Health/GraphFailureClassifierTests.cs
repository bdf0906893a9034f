using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;

namespace TenantAuditGrid.Graph.Tests.Health;

/// <summary>
/// Answers the emulator does not give (Graph's licence 403, the older audit-log code, HTTP-date Retry-After, token endpoint
/// 5xx), built from the SDKs' own exception types exactly as they carry them.
/// </summary>
public sealed class GraphFailureClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly GraphFailureClassifier classifier = new(new FakeTimeProvider(Now));

    [Fact]
    public void The_non_premium_403_is_LicenceLimited()
    {
        var failure = classifier.Classify(GraphError(403, GraphErrorCodes.NonPremiumTenant), AuditSource.DirectoryAudits);

        Assert.Equal(TenantHealthState.LicenceLimited, failure.HealthState);
        Assert.Equal(GraphFailureKind.Forbidden, failure.Kind);
        Assert.Empty(failure.MissingPermissions);
    }

    [Fact]
    public void The_older_audit_log_access_code_is_PermissionMissing_for_AuditLog_Read_All()
    {
        var failure = classifier.Classify(GraphError(403, GraphErrorCodes.NoReadAuditLogDataAccess), AuditSource.DirectoryAudits);

        Assert.Equal(TenantHealthState.PermissionMissing, failure.HealthState);
        Assert.Equal([GraphPermissions.AuditLogReadAll], failure.MissingPermissions);
    }

    [Fact]
    public void A_denied_security_actions_call_names_SecurityActions_Read_All()
    {
        var failure = classifier.Classify(GraphError(403, GraphErrorCodes.RequestDenied), AuditSource.SecurityActions);

        Assert.Equal([GraphPermissions.SecurityActionsReadAll], failure.MissingPermissions);
    }

    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("7", 7000)]
    [InlineData("Sun, 22 Nov 2026 12:00:30 GMT", 30000)]
    public void Retry_after_is_read_as_fractional_seconds_or_as_a_date(string header, int expectedMilliseconds)
    {
        var failure = classifier.Classify(GraphError(429, "TooManyRequests", ("Retry-After", header)));

        Assert.Equal(GraphFailureKind.Throttled, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), failure.RetryAfter);
    }

    [Fact]
    public void A_reports_429_with_the_unknown_error_code_is_still_Throttled()
    {
        var failure = classifier.Classify(GraphError(429, "UnknownError"));

        Assert.Equal(TenantHealthState.Throttled, failure.HealthState);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public void A_400_such_as_an_expired_skiptoken_says_nothing_about_the_tenants_health()
    {
        var failure = classifier.Classify(GraphError(400, "BadRequest"), AuditSource.DirectoryAudits);

        Assert.Equal(GraphFailureKind.BadRequest, failure.Kind);
        Assert.Null(failure.HealthState);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public void The_token_endpoint_answering_503_is_Unreachable()
    {
        var failure = classifier.Classify(TokenError(503, "temporarily_unavailable", "{\"error\":\"temporarily_unavailable\",\"error_codes\":[]}"));

        Assert.Equal(TenantHealthState.Unreachable, failure.HealthState);
        Assert.Equal(GraphFailureKind.ServerError, failure.Kind);
    }

    [Fact]
    public void An_unknown_AADSTS_number_falls_back_on_the_OAuth_error_field()
    {
        var failure = classifier.Classify(TokenError(400, "unauthorized_client", "{\"error\":\"unauthorized_client\",\"error_codes\":[1234567]}"));

        Assert.Equal(TenantHealthState.AppNotFound, failure.HealthState);
        Assert.Equal("AADSTS1234567", failure.ErrorCode);
    }

    [Fact]
    public void Exceptions_that_are_not_about_graph_access_are_not_classified()
    {
        Assert.False(classifier.TryClassify(new InvalidOperationException("bug"), null, out _));
        Assert.False(classifier.TryClassify(new OperationCanceledException(), null, out _));
    }

    private static ODataError GraphError(int status, string code, params (string Name, string Value)[] headers) => new()
    {
        ResponseStatusCode = status,
        Error = new MainError { Code = code, Message = "text that must not matter" },
        ResponseHeaders = headers.ToDictionary(h => h.Name, h => (IEnumerable<string>)[h.Value], StringComparer.OrdinalIgnoreCase),
    };

    private static Azure.Identity.AuthenticationFailedException TokenError(int status, string error, string body) =>
        new("ClientSecretCredential authentication failed", new MsalServiceException(error, "text that must not matter", status) { ResponseBody = body });
}
