using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The MSP tenant's apps that call the product; thread-safe because clients are added while tokens are being issued.</summary>
internal sealed class OperatorTenant(OperatorTenantOptions options)
{
    private readonly ConcurrentDictionary<string, OperatorClient> clients = new(StringComparer.OrdinalIgnoreCase);

    public OperatorTenantOptions Options => options;

    public bool IsTenant(string segment) => Guid.TryParse(segment, out var id) && id == options.TenantId;

    /// <summary>Whether a client-credentials scope names the product's API (<c>{appId}/.default</c> or <c>api://{appId}/.default</c>).</summary>
    public bool IsApiDefaultScope(string scope) =>
        scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var single]
        && (string.Equals(single, $"{options.ApiClientId}/.default", StringComparison.OrdinalIgnoreCase)
            || string.Equals(single, $"api://{options.ApiClientId}/.default", StringComparison.OrdinalIgnoreCase));

    public OperatorClientCredentials CreateClient(string displayName, IReadOnlyCollection<string> appRoles, IReadOnlyCollection<Guid>? groups = null)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new EmulatorControlException("An operator client needs a display name.");
        }

        var client = new OperatorClient(
            Guid.NewGuid().ToString(),
            displayName,
            "Op~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '.').Replace('/', '_'),
            Guid.NewGuid(),
            [.. appRoles ?? []],
            [.. groups ?? []]);
        clients[client.ClientId] = client;
        return new OperatorClientCredentials(options.TenantId, client.ClientId, client.Secret, $"api://{options.ApiClientId}/.default", client.ObjectId);
    }

    public OperatorClient? FindClient(string clientId) => clients.GetValueOrDefault(clientId);
}
