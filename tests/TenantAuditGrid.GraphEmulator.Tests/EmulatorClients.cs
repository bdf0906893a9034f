using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>Builds the official clients the way production code does against the emulator: pinned certificate, https authority.</summary>
internal static class EmulatorClients
{
    public static HttpClientHandler PinnedHandler(GraphEmulatorServer server)
    {
        var thumbprint = server.Certificate.Thumbprint;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
        };
    }

    public static HttpClientHandler PinnedHandlerWithoutRedirects(GraphEmulatorServer server)
    {
        var handler = PinnedHandler(server);
        handler.AllowAutoRedirect = false;
        return handler;
    }

    public static HttpClient PinnedHttpClient(GraphEmulatorServer server) => new(PinnedHandler(server)) { BaseAddress = server.BaseAddress };

    public static ClientSecretCredential SecretCredential(GraphEmulatorServer server, Guid tenantId, string clientId, string secret) =>
        new(tenantId.ToString(), clientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = server.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(PinnedHandler(server)),
            Retry = { MaxRetries = 0 },
        });

    public static ClientCertificateCredential CertificateCredential(GraphEmulatorServer server, Guid tenantId, string clientId, X509Certificate2 certificate) =>
        new(tenantId.ToString(), clientId, certificate, new ClientCertificateCredentialOptions
        {
            AuthorityHost = server.BaseAddress,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(PinnedHandler(server)),
            Retry = { MaxRetries = 0 },
        });

    public static TokenCredential SharedAppCredential(GraphEmulatorServer server, Guid tenantId) =>
        SecretCredential(server, tenantId, server.SharedApp.ClientId, server.SharedApp.ClientSecret);

    public static async Task<string> TokenAsync(TokenCredential credential) =>
        (await credential.GetTokenAsync(new TokenRequestContext([GraphScope]), CancellationToken.None)).Token;

    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <summary>The Graph SDK client as GRAPH-FACTS prescribes for a non-Microsoft host.</summary>
    public static GraphServiceClient GraphClient(GraphEmulatorServer server, TokenCredential credential, string version = "v1.0")
    {
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [server.BaseAddress.Host], scopes: GraphScope);
        var http = GraphClientFactory.Create(finalHandler: PinnedHandler(server));
        return new GraphServiceClient(http, auth, new Uri(server.BaseAddress, version).ToString());
    }
}
