using TenantAuditGrid.Host.Api.Keys;
using TenantAuditGrid.Host.Hosting;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Embedded mode's first Admin: when the store holds no API key at all, it creates one and writes it, owner-only, to
/// <c>data/admin-api-key</c>, so a laptop install is usable without an Entra app and yet nothing is anonymous. Once any key exists
/// (even revoked) it does nothing: an Admin who revoked the bootstrap key meant it.
/// </summary>
internal sealed partial class BootstrapAdminKey(IApiKeyStore keys, ApiKeyIssuer issuer, string keyFile, ILogger<BootstrapAdminKey> logger)
    : IHostedService
{
    private const string DisplayName = "Bootstrap admin";
    private const string Creator = "bootstrap";

    /// <summary>The key this start created, for the demo banner to show once; null when an earlier start created it.</summary>
    public string? CreatedKey { get; private set; }

    public string KeyFile => keyFile;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await keys.AnyAsync(cancellationToken))
        {
            return;
        }

        var (stored, key, _) = await issuer.IssueAsync(DisplayName, OperatorRole.Admin, expiresAt: null, customers: null, Creator, cancellationToken);
        // A file left from a store that was deleted holds a key nothing knows any more.
        File.Delete(keyFile);
        OwnerOnlyFile.Create(keyFile, key);
        CreatedKey = key;
        LogCreated(logger, stored.KeyId, keyFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap Admin API key {KeyId}; it is in {KeyFile} (owner-only). Create named keys with it and revoke it.")]
    private static partial void LogCreated(ILogger logger, string keyId, string keyFile);
}
