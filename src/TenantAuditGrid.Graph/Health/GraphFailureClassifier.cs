using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// Turns what Azure.Identity, MSAL, Kiota and the network throw into a <see cref="GraphAccessFailure"/>.
/// It branches on protocol fields only: the AADSTS numbers in the token endpoint's <c>error_codes</c>, its OAuth
/// <c>error</c>, Graph's <c>error.code</c> and the HTTP status. Message texts are never inspected (they change and are localised).
/// </summary>
public sealed class GraphFailureClassifier([FromKeyedServices(ProductClock.ServiceKey)] TimeProvider timeProvider)
{
    /// <summary>Classifies <paramref name="exception"/>; false for exceptions that are not about Graph access (bugs, cancellation).</summary>
    /// <param name="source">The source being read, so a 403 can name the permission it is about.</param>
    public bool TryClassify(Exception exception, AuditSource? source, out GraphAccessFailure failure)
    {
        failure = exception switch
        {
            GraphAccessException access => access.Failure,
            CredentialDecryptionException => new GraphAccessFailure(
                GraphFailureKind.CredentialUnusable, TenantHealthState.CredentialInvalid, "credential_undecryptable", null, null, []),
            ApiException api => FromGraph(api, source),
            _ => FromTokenOrNetwork(exception)!,
        };
        return failure is not null;
    }

    public GraphAccessFailure Classify(Exception exception, AuditSource? source = null) =>
        TryClassify(exception, source, out var failure)
            ? failure
            : throw new ArgumentException($"{exception.GetType().Name} is not a Graph access failure.", nameof(exception));

    private GraphAccessFailure FromGraph(ApiException api, AuditSource? source)
    {
        var status = api.ResponseStatusCode;
        var code = (api as ODataError)?.Error?.Code is { Length: > 0 } c ? c : $"HTTP {status}";
        var retryAfter = RetryAfter(api.ResponseHeaders);
        return status switch
        {
            401 => new(GraphFailureKind.TokenRejected, TenantHealthState.CredentialInvalid, code, status, null, []),
            403 => Forbidden(code, source),
            404 => new(GraphFailureKind.NotFound, null, code, status, null, []),
            429 => new(GraphFailureKind.Throttled, TenantHealthState.Throttled, code, status, retryAfter, []),
            >= 500 => new(GraphFailureKind.ServerError, TenantHealthState.Unreachable, code, status, retryAfter, []),
            _ => new(GraphFailureKind.BadRequest, null, code, status, null, []),
        };
    }

    private static GraphAccessFailure Forbidden(string code, AuditSource? source)
    {
        // Graph names the missing permission only in message text; the code plus the endpoint tell us which one it is.
        IReadOnlyList<string> missing = (code, source) switch
        {
            (GraphErrorCodes.PermissionMissing or GraphErrorCodes.NoReadAuditLogDataAccess, AuditSource.DirectoryAudits) => [GraphPermissions.AuditLogReadAll],
            (GraphErrorCodes.RequestDenied, AuditSource.DirectoryAudits) => [GraphPermissions.DirectoryReadAll],
            (_, AuditSource.SecurityActions) => [GraphPermissions.SecurityActionsReadAll],
            _ => [],
        };
        var state = code == GraphErrorCodes.NonPremiumTenant ? TenantHealthState.LicenceLimited : TenantHealthState.PermissionMissing;
        return new(GraphFailureKind.Forbidden, state, code, 403, null, state == TenantHealthState.LicenceLimited ? [] : missing);
    }

    private static GraphAccessFailure? FromTokenOrNetwork(Exception exception)
    {
        var msal = Find<MsalServiceException>(exception);
        if (msal is not null && (msal.StatusCode > 0 || ErrorCodes(msal.ResponseBody).Count > 0))
        {
            return FromTokenEndpoint(msal);
        }

        if (Find<HttpRequestException>(exception) is not null || Find<SocketException>(exception) is not null
            || Find<AuthenticationException>(exception) is not null || Find<IOException>(exception) is not null
            || Find<RequestFailedException>(exception) is { Status: 0 } || Find<TimeoutException>(exception) is not null
            // HttpClient reports its own timeout as a TaskCanceledException wrapping a TimeoutException (handled above);
            // a bare cancellation is the caller's and is not ours to classify.
            || (exception is AuthenticationFailedException && msal is not null))
        {
            return new(GraphFailureKind.Network, TenantHealthState.Unreachable, "network", null, null, []);
        }

        if (exception is CredentialUnavailableException or AuthenticationFailedException)
        {
            return new(GraphFailureKind.TokenRefused, TenantHealthState.CredentialInvalid, "token_request_failed", null, null, []);
        }

        return null;
    }

    private static GraphAccessFailure FromTokenEndpoint(MsalServiceException msal)
    {
        var codes = ErrorCodes(msal.ResponseBody);
        foreach (var number in codes)
        {
            if (AadstsCodes.StateOf(number) is { } state)
            {
                return new(GraphFailureKind.TokenRefused, state, $"AADSTS{number}", msal.StatusCode, null, []);
            }
        }

        var code = codes.Count > 0 ? $"AADSTS{codes[0]}" : msal.ErrorCode ?? $"HTTP {msal.StatusCode}";
        if (msal.StatusCode == 429)
        {
            return new(GraphFailureKind.Throttled, TenantHealthState.Throttled, code, 429, RetryAfterSeconds(msal.Headers?.RetryAfter?.Delta), []);
        }

        if (msal.StatusCode >= 500)
        {
            return new(GraphFailureKind.ServerError, TenantHealthState.Unreachable, code, msal.StatusCode, null, []);
        }

        // An AADSTS number we do not know: fall back on the OAuth error, a protocol field with a closed set of values.
        var fallback = msal.ErrorCode switch
        {
            "unauthorized_client" => TenantHealthState.AppNotFound,
            "invalid_tenant" => TenantHealthState.TenantNotFound,
            "consent_required" => TenantHealthState.ConsentRequired,
            _ => TenantHealthState.CredentialInvalid,
        };
        return new(GraphFailureKind.TokenRefused, fallback, code, msal.StatusCode, null, []);
    }

    private static List<int> ErrorCodes(string? responseBody)
    {
        var codes = new List<int>();
        if (string.IsNullOrWhiteSpace(responseBody))
        {
            return codes;
        }

        try
        {
            using var document = JsonDocument.Parse(responseBody);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error_codes", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                codes.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)).Select(e => e.GetInt32()));
            }
        }
        catch (JsonException)
        {
            // Not Entra's JSON (a proxy's HTML page, say): there are no codes to read.
        }

        return codes;
    }

    private TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        var value = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Graph sends seconds, sometimes fractional ("2.128"); HTTP also allows a date.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return RetryAfterSeconds(TimeSpan.FromSeconds(Math.Max(0, seconds)));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? RetryAfterSeconds(at - timeProvider.GetUtcNow())
            : null;
    }

    private static TimeSpan? RetryAfterSeconds(TimeSpan? wait) => wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;

    private static T? Find<T>(Exception exception)
        where T : Exception => ExceptionCauses.Of(exception).OfType<T>().FirstOrDefault();
}
