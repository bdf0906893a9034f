using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>The key of a <see cref="ISourceSyncGrain"/>: <c>"{tenantId}/{sourceName}"</c>, e.g. <c>"7f0c…/directoryAudits"</c>.</summary>
public static class SourceSyncKey
{
    public static string For(string tenantId, AuditSource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        if (tenantId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A tenant id cannot contain '/'.", nameof(tenantId));
        }

        return $"{tenantId}/{NameOf(source)}";
    }

    public static (string TenantId, AuditSource Source) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a sync grain key of the form tenantId/source.", nameof(key));
        }

        var name = key[(slash + 1)..];
        var source = name switch
        {
            DirectoryAudits => AuditSource.DirectoryAudits,
            SecurityActions => AuditSource.SecurityActions,
            _ => throw new ArgumentException($"'{name}' is not a known audit source.", nameof(key)),
        };
        return (key[..slash], source);
    }

    public static string NameOf(AuditSource source) => source switch
    {
        AuditSource.DirectoryAudits => DirectoryAudits,
        AuditSource.SecurityActions => SecurityActions,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown audit source."),
    };

    private const string DirectoryAudits = "directoryAudits";
    private const string SecurityActions = "securityActions";
}
