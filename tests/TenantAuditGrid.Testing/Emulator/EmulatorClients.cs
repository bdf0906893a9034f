using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Testing.Emulator;

/// <summary>
/// The official clients (Azure.Identity, the Graph SDK, plain HTTP) built against the emulator as a script or another tool would build
/// them against Microsoft: its https authority, over connections pinned to its certificate.
/// </summary>
public static class EmulatorClients
{
    public const string GraphScope = "https://graph.microsoft.com/.default";

    public static HttpClient PinnedHttpClient(GraphEmulatorServer server) => new(server.CreatePinnedHandler()) { BaseAddress = server.BaseAddress };

    /// <summary>
    /// A client-secret credential. Tests pass no retries so that a refused token request fails the test at once; null keeps
    /// Azure.Identity's default retries, as an ordinary script has them.
    /// </summary>
    public static ClientSecretCredential SecretCredential(GraphEmulatorServer server, Guid tenantId, string clientId, string secret, int? maxRetries = 0)
    {
        var options = new ClientSecretCredentialOptions
        {
            AuthorityHost = server.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(server.CreatePinnedHandler()),
        };
        if (maxRetries is { } retries)
        {
            options.Retry.MaxRetries = retries;
        }

        return new ClientSecretCredential(tenantId.ToString(), clientId, secret, options);
    }

    public static ClientCertificateCredential CertificateCredential(GraphEmulatorServer server, Guid tenantId, string clientId, X509Certificate2 certificate) =>
        new(tenantId.ToString(), clientId, certificate, new ClientCertificateCredentialOptions
        {
            AuthorityHost = server.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(server.CreatePinnedHandler()),
            Retry = { MaxRetries = 0 },
        });

    /// <summary>The emulator's shared multi-tenant app signed in to one tenant.</summary>
    public static ClientSecretCredential SharedAppCredential(GraphEmulatorServer server, Guid tenantId, int? maxRetries = 0) =>
        SecretCredential(server, tenantId, server.SharedApp.ClientId, server.SharedApp.ClientSecret, maxRetries);

    public static async Task<string> TokenAsync(TokenCredential credential) =>
        (await credential.GetTokenAsync(new TokenRequestContext([GraphScope]), CancellationToken.None)).Token;

    /// <summary>The Graph SDK client as GRAPH-FACTS prescribes for a non-Microsoft host.</summary>
    public static GraphServiceClient GraphClient(GraphEmulatorServer server, TokenCredential credential, string version = "v1.0")
    {
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [server.BaseAddress.Host], scopes: GraphScope);
        var http = GraphClientFactory.Create(finalHandler: server.CreatePinnedHandler());
        return new GraphServiceClient(http, auth, new Uri(server.BaseAddress, version).ToString());
    }
}
