using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;

namespace TenantAuditGrid.Graph.Clients;

/// <summary>
/// The one place that builds Azure.Identity credentials and Graph clients. Clients are cached per tenant and credential
/// version: an Azure.Identity credential owns its token cache, so reusing it is what keeps token requests to one per
/// token lifetime. A new credential version replaces the cached client; <see cref="Invalidate"/> drops it (for example
/// after Graph rejected a token that the cache still considers valid).
/// </summary>
public sealed class TenantGraphClientFactory : IDisposable
{
    private readonly GraphEndpointOptions endpoints;
    private readonly SharedAppOptions sharedApp;
    private readonly CredentialProtector protector;
    private readonly ILogger<TenantGraphClientFactory> logger;
    private readonly SocketsHttpHandler tokenHandler;
    private readonly HttpClient tokenHttpClient;
    private readonly SocketsHttpHandler graphHandler;
    private readonly HttpClient graphHttpClient;
    private readonly ConcurrentDictionary<string, CachedClient> clients = new(StringComparer.OrdinalIgnoreCase);

    public TenantGraphClientFactory(
        IOptions<GraphEndpointOptions> endpointOptions,
        IOptions<SharedAppOptions> sharedAppOptions,
        CredentialProtector protector,
        ILogger<TenantGraphClientFactory> logger)
    {
        endpoints = endpointOptions.Value;
        sharedApp = sharedAppOptions.Value;
        this.protector = protector;
        this.logger = logger;
        var trust = new ServerCertificateTrust(endpoints);
        tokenHandler = trust.CreateHandler();
        tokenHttpClient = new HttpClient(tokenHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        graphHandler = trust.CreateHandler();
        graphHttpClient = Microsoft.Graph.GraphClientFactory.Create(
            Microsoft.Graph.GraphClientFactory.CreateDefaultHandlers(), finalHandler: graphHandler, disposeHandler: false);
        graphHttpClient.Timeout = endpoints.NetworkTimeout;
        GraphRoot = endpoints.GraphBaseAddress.AbsoluteUri.EndsWith('/') ? endpoints.GraphBaseAddress : new Uri(endpoints.GraphBaseAddress.AbsoluteUri + "/");
    }

    /// <summary>The Graph root (ending in '/'), below which <c>v1.0/</c> and <c>beta/</c> live.</summary>
    public Uri GraphRoot { get; }

    /// <summary>The cached client for this tenant and credential version, built on first use.</summary>
    public TenantGraphClient GetClient(string tenantId, TenantCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(credential);
        var key = tenantId.Trim();
        var kind = credential.GetType().Name;
        if (clients.TryGetValue(key, out var cached) && cached.Kind == kind && cached.Version == credential.Version)
        {
            return cached.Client;
        }

        var client = CreateClient(key, credential);
        clients[key] = new CachedClient(kind, credential.Version, client);
        return client;
    }

    /// <summary>
    /// A fresh client that is not cached: for checking a candidate credential before it replaces the current one,
    /// so a rejected candidate never displaces the working client.
    /// </summary>
    public TenantGraphClient CreateClient(string tenantId, TenantCredential credential)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        tenantId = tenantId.Trim();
        var (clientId, tokenCredential) = BuildCredential(tenantId, credential);
        var authentication = new AzureIdentityAuthenticationProvider(
            tokenCredential,
            allowedHosts: [GraphRoot.Host],
            observabilityOptions: null,
            // Without CAE the probe's own token request and the SDK's share one MSAL cache entry.
            isCaeEnabled: false,
            scopes: TenantGraphClient.GraphScope);
        var v1 = new Uri(GraphRoot, "v1.0");
        var graph = new GraphServiceClient(graphHttpClient, authentication, v1.AbsoluteUri);
        logger.LogDebug(
            "Built Graph client for tenant {TenantId} with {CredentialKind} credential version {CredentialVersion}",
            tenantId, credential.GetType().Name, credential.Version);
        return new TenantGraphClient(tenantId, credential.Version, clientId, tokenCredential, graph, GraphRoot);
    }

    /// <summary>Drops the cached client of a tenant (offboarding, or a token Graph rejected): the next call builds a new one.</summary>
    public void Invalidate(string tenantId) => clients.TryRemove(tenantId.Trim(), out _);

    public void Dispose()
    {
        clients.Clear();
        graphHttpClient.Dispose();
        graphHandler.Dispose();
        tokenHttpClient.Dispose();
        tokenHandler.Dispose();
    }

    private (string ClientId, TokenCredential Credential) BuildCredential(string tenantId, TenantCredential credential)
    {
        switch (credential)
        {
            case ClientSecretTenantCredential secret:
                return (secret.ClientId, new ClientSecretCredential(
                    tenantId, secret.ClientId, DecryptSecret(tenantId, secret.Secret), Configure(new ClientSecretCredentialOptions())));
            case CertificateTenantCredential certificate:
                return (certificate.ClientId, new ClientCertificateCredential(
                    tenantId, certificate.ClientId, LoadCertificate(tenantId, certificate), Configure(new ClientCertificateCredentialOptions())));
            case SharedAppTenantCredential:
                if (!sharedApp.IsConfigured)
                {
                    throw new InvalidOperationException(
                        $"The tenant uses the shared MSP app, but {SharedAppOptions.SectionName}:ClientId/ClientSecret are not configured.");
                }

                return (sharedApp.ClientId!, new ClientSecretCredential(
                    tenantId, sharedApp.ClientId, sharedApp.ClientSecret, Configure(new ClientSecretCredentialOptions())));
            default:
                throw new NotSupportedException($"Unknown credential kind {credential.GetType().Name}.");
        }
    }

    private T Configure<T>(T options)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = endpoints.AuthorityHost;
        options.Transport = new HttpClientTransport(tokenHttpClient);
        options.Retry.MaxRetries = endpoints.TokenRetries;
        options.Retry.NetworkTimeout = endpoints.NetworkTimeout;
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.Diagnostics.IsAccountIdentifierLoggingEnabled = false;
        switch (options)
        {
            // Instance discovery asks login.microsoftonline.com about the authority; for any other authority it only costs time.
            case ClientSecretCredentialOptions secret:
                secret.DisableInstanceDiscovery = true;
                break;
            case ClientCertificateCredentialOptions certificate:
                certificate.DisableInstanceDiscovery = true;
                break;
        }

        return options;
    }

    private string DecryptSecret(string tenantId, EncryptedSecret secret)
    {
        var plaintext = protector.Unprotect(secret, CredentialContext.ClientSecret(tenantId));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private X509Certificate2 LoadCertificate(string tenantId, CertificateTenantCredential credential)
    {
        var pkcs8 = protector.Unprotect(credential.PrivateKey, CredentialContext.PrivateKey(tenantId));
        try
        {
            // The RSA key stays alive with the certificate the credential holds; it is in memory only.
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            using var publicCertificate = X509Certificate2.CreateFromPem(credential.CertificatePem);
            return publicCertificate.CopyWithPrivateKey(rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private sealed record CachedClient(string Kind, int Version, TenantGraphClient Client);
}
