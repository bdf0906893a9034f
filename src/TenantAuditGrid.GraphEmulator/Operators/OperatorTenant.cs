using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The MSP tenant: the apps that call the product, the people who sign in to it, and the product's web app registration (its secret
/// and redirect URIs). Thread-safe because clients and users are added while tokens are being issued.
/// </summary>
internal sealed class OperatorTenant(OperatorTenantOptions options)
{
    private readonly ConcurrentDictionary<string, OperatorClient> clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, OperatorUser> users = new();

    // Entra compares redirect URIs exactly, apart from the case of scheme and host.
    private readonly ConcurrentDictionary<string, bool> redirectUris = new(StringComparer.Ordinal);

    public OperatorTenantOptions Options => options;

    /// <summary>The product's web app secret, for redeeming authorization codes.</summary>
    public string SignInSecret { get; } = NewSecret();

    public bool IsTenant(string segment) => Guid.TryParse(segment, out var id) && id == options.TenantId;

    public bool IsProductApp(string clientId) => string.Equals(clientId, options.ApiClientId, StringComparison.OrdinalIgnoreCase);

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

        var client = new OperatorClient(Guid.NewGuid().ToString(), displayName, NewSecret(), Guid.NewGuid(), [.. appRoles ?? []], [.. groups ?? []]);
        clients[client.ClientId] = client;
        return new OperatorClientCredentials(options.TenantId, client.ClientId, client.Secret, $"api://{options.ApiClientId}/.default", client.ObjectId);
    }

    public OperatorClient? FindClient(string clientId) => clients.GetValueOrDefault(clientId);

    public OperatorUserInfo CreateUser(OperatorUserSpec spec)
    {
        if (spec is null || string.IsNullOrWhiteSpace(spec.DisplayName) || string.IsNullOrWhiteSpace(spec.UserPrincipalName))
        {
            throw new EmulatorControlException("An operator user needs a display name and a user principal name.");
        }

        if (users.Values.Any(u => string.Equals(u.UserPrincipalName, spec.UserPrincipalName, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EmulatorControlException($"A user with the user principal name {spec.UserPrincipalName} already exists.");
        }

        var user = new OperatorUser(spec.ObjectId ?? Guid.NewGuid(), spec.DisplayName, spec.UserPrincipalName, [.. spec.AppRoles ?? []], [.. spec.Groups ?? []]);
        if (!users.TryAdd(user.ObjectId, user))
        {
            throw new EmulatorControlException($"A user with the object id {user.ObjectId} already exists.");
        }

        return new OperatorUserInfo(user.ObjectId, user.DisplayName, user.UserPrincipalName);
    }

    public OperatorUser? FindUser(Guid objectId) => users.GetValueOrDefault(objectId);

    /// <summary>The people the sign-in page lists, by name.</summary>
    public IReadOnlyList<OperatorUser> Users() => [.. users.Values.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Adds a redirect URI (sign-in callback or post-sign-out page) to the product's web app registration.</summary>
    public void RegisterRedirectUri(Uri uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Fragment.Length > 0)
        {
            throw new EmulatorControlException("A redirect URI must be an absolute http or https URI without a fragment.");
        }

        redirectUris[Canonical(uri)] = true;
    }

    public bool IsRedirectUri(string candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && redirectUris.ContainsKey(Canonical(uri));

    private static string Canonical(Uri uri) => uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped);

    private static string NewSecret() =>
        "Op~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '.').Replace('/', '_');
}
