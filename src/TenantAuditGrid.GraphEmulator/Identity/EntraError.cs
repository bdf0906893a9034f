using System.Globalization;
using System.Text.Json.Serialization;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>An error from the token or consent endpoints, in Entra's body shape.</summary>
internal sealed record EntraError(int StatusCode, string Error, int Code, string Description)
{
    public static EntraError TenantNotFound(string tenant) => new(
        400, "invalid_tenant", 90002,
        $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static EntraError AppNotFound(string clientId, string tenant) => new(
        400, "unauthorized_client", 700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");

    public static EntraError InvalidSecret(string clientId) => new(
        401, "invalid_client", 7000215,
        $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");

    public static EntraError ExpiredSecret(string clientId) => new(
        401, "invalid_client", 7000222,
        $"The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new keys for your app.");

    public static EntraError MissingServicePrincipal(string clientId, Guid tenantId) => new(
        401, "invalid_client", 7000229,
        $"The client application {clientId} is missing service principal in the tenant {tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");

    public static EntraError ConsentRequired(string clientId) => new(
        400, "invalid_grant", 65001,
        $"The user or administrator has not consented to use the application with ID '{clientId}'. Send an interactive authorization request for this user and resource.");

    public static EntraError InvalidAssertion(string detail) => new(401, "invalid_client", 700027, $"Client assertion failed signature validation. {detail}");

    public static EntraError ExpiredCertificate(string clientId) => new(
        401, "invalid_client", 700027, $"Client assertion contains an invalid signature. The key used is expired for app '{clientId}'.");

    public static EntraError MissingParameter(string name) => new(
        400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.");

    public static EntraError UnsupportedGrantType(string grantType) => new(
        400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.");

    public static EntraError InvalidScope(string scope) => new(
        400, "invalid_scope", 1002012,
        $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");

    public static EntraError InvalidAssertionType() => new(
        400, "invalid_request", 50027, "Invalid client_assertion_type; expected urn:ietf:params:oauth:client-assertion-type:jwt-bearer.");

    public EntraErrorBody ToBody(DateTimeOffset now, Uri baseAddress)
    {
        var trace = Guid.NewGuid();
        var correlation = Guid.NewGuid();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new EntraErrorBody(
            Error,
            $"AADSTS{Code}: {Description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {timestamp}",
            [Code],
            timestamp,
            trace.ToString(),
            correlation.ToString(),
            new Uri(baseAddress, $"error?code={Code}").ToString());
    }
}

internal sealed record EntraErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("error_codes")] int[] ErrorCodes,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("correlation_id")] string CorrelationId,
    [property: JsonPropertyName("error_uri")] string ErrorUri);
