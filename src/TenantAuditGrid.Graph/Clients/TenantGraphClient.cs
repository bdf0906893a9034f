using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace TenantAuditGrid.Graph.Clients;

/// <summary>
/// Everything needed to talk to Graph as one tenant: the Azure.Identity credential (which caches its tokens) and a
/// <see cref="GraphServiceClient"/> whose request adapter authenticates every call. Beta resources go through the same
/// adapter with absolute URLs, so there is exactly one authenticated path per tenant. Obtain from <see cref="TenantGraphClientFactory"/>.
/// </summary>
public sealed class TenantGraphClient
{
    internal TenantGraphClient(
        string tenantId, int credentialVersion, string clientId, TokenCredential credential, GraphServiceClient graph, Uri graphRoot)
    {
        TenantId = tenantId;
        CredentialVersion = credentialVersion;
        ClientId = clientId;
        Credential = credential;
        Graph = graph;
        V1BaseUrl = new Uri(graphRoot, "v1.0/");
        BetaBaseUrl = new Uri(graphRoot, "beta/");
    }

    public const string GraphScope = "https://graph.microsoft.com/.default";

    public string TenantId { get; }

    public int CredentialVersion { get; }

    /// <summary>The app (client) id the credential authenticates as; not secret.</summary>
    public string ClientId { get; }

    public TokenCredential Credential { get; }

    /// <summary>The v1.0 client.</summary>
    public GraphServiceClient Graph { get; }

    public IRequestAdapter RequestAdapter => Graph.RequestAdapter;

    public Uri V1BaseUrl { get; }

    public Uri BetaBaseUrl { get; }

    /// <summary>An app-only token for Graph, from the credential's cache when still valid.</summary>
    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken) =>
        Credential.GetTokenAsync(new TokenRequestContext([GraphScope]), cancellationToken);

    /// <summary>True when <paramref name="uri"/> points at this client's Graph host (the only host a token is ever sent to).</summary>
    public bool IsGraphUri(Uri uri) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, V1BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, V1BaseUrl.Authority, StringComparison.OrdinalIgnoreCase);
}
