using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Health;

namespace TenantAuditGrid.Graph.Reading;

/// <summary>
/// Reads beta <c>/security/securityActions</c> as raw JSON. Microsoft.Graph is the v1.0 SDK and has no beta models, so
/// requests are built here and sent through the same authenticated adapter as v1.0 calls. No retries, as for directoryAudits.
/// </summary>
public sealed class SecurityActionsReader(RawPageFetcher fetcher)
{
    public const int MaxTop = 999;

    // Not "baseurl": the request adapter overwrites that parameter with its own (v1.0) base URL on every send.
    private const string BetaUrlParameter = "betaurl";

    /// <summary>The first page of the list; <paramref name="filter"/> is passed through as <c>$filter</c> when given.</summary>
    public Task<AuditPage> ReadFirstPageAsync(TenantGraphClient client, int top = MaxTop, string? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        var request = new RequestInformation
        {
            HttpMethod = Method.GET,
            UrlTemplate = "{+betaurl}/security/securityActions{?%24top,%24filter}",
        };
        request.PathParameters[BetaUrlParameter] = client.BetaBaseUrl.AbsoluteUri.TrimEnd('/');
        request.QueryParameters["%24top"] = top;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            request.QueryParameters["%24filter"] = filter;
        }

        return fetcher.FetchPageAsync(client, request, AuditSource.SecurityActions, cancellationToken);
    }

    public Task<AuditPage> ReadNextPageAsync(TenantGraphClient client, string nextLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return fetcher.FetchPageAsync(client, RawPageFetcher.FollowLink(client, nextLink), AuditSource.SecurityActions, cancellationToken);
    }

    /// <summary>One action by id (to re-poll one that has not finished); null when Graph answers 404.</summary>
    public async Task<JsonElement?> ReadActionAsync(TenantGraphClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var request = new RequestInformation { HttpMethod = Method.GET, UrlTemplate = "{+betaurl}/security/securityActions/{id}" };
        request.PathParameters[BetaUrlParameter] = client.BetaBaseUrl.AbsoluteUri.TrimEnd('/');
        request.PathParameters["id"] = id;
        try
        {
            using var document = await fetcher.FetchJsonAsync(client, request, AuditSource.SecurityActions, cancellationToken).ConfigureAwait(false);
            return document?.RootElement.Clone();
        }
        catch (GraphAccessException e) when (e.Failure.Kind == GraphFailureKind.NotFound)
        {
            return null;
        }
    }
}
