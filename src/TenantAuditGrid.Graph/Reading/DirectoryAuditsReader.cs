using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;

namespace TenantAuditGrid.Graph.Reading;

/// <summary>
/// Reads v1.0 <c>/auditLogs/directoryAudits</c> one page at a time, as raw JSON, for the sync engine. The URL comes
/// from the Graph SDK's request builder and the call goes through the tenant's authenticated adapter. No retries:
/// a 429 surfaces as a <see cref="Health.GraphAccessException"/> with Retry-After for the scheduler to act on.
/// </summary>
public sealed class DirectoryAuditsReader(RawPageFetcher fetcher)
{
    /// <summary>The first page of a time slice.</summary>
    public Task<AuditPage> ReadFirstPageAsync(TenantGraphClient client, AuditWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var request = client.Graph.AuditLogs.DirectoryAudits.ToGetRequestInformation(configuration =>
        {
            configuration.QueryParameters.Top = query.Top;
            configuration.QueryParameters.Filter = query.Filter();
            configuration.QueryParameters.Orderby = [query.OrderBy()];
        });
        return fetcher.FetchPageAsync(client, request, AuditSource.DirectoryAudits, cancellationToken);
    }

    /// <summary>The page behind a nextLink, followed verbatim (never rebuilt: its skiptoken is opaque).</summary>
    public Task<AuditPage> ReadNextPageAsync(TenantGraphClient client, string nextLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return fetcher.FetchPageAsync(client, RawPageFetcher.FollowLink(client, nextLink), AuditSource.DirectoryAudits, cancellationToken);
    }
}
