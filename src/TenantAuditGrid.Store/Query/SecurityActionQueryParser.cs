using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Validates the query options of a securityActions list: <c>$filter</c> (parsed by Microsoft.OData.Core against the securityAction
/// type of <see cref="GraphEdmModel"/> and translated by the same <see cref="FilterSqlTranslator"/> as directoryAudits), $top,
/// $count and $skiptoken.
/// </summary>
public sealed class SecurityActionQueryParser(SkipTokenProtector skipTokens)
{
    public SecurityActionQuery Parse(IEnumerable<KeyValuePair<string, string?>> queryOptions, string? routeTenantId)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        string? filterText = null, top = null, count = null, token = null;
        foreach (var (name, value) in queryOptions)
        {
            if (!name.StartsWith('$'))
            {
                continue;
            }

            switch (name.ToLowerInvariant())
            {
                case "$filter" when filterText is null:
                    filterText = value ?? string.Empty;
                    break;
                case "$top" when top is null:
                    top = value ?? string.Empty;
                    break;
                case "$count" when count is null:
                    count = value ?? string.Empty;
                    break;
                case "$skiptoken" when token is null:
                    token = value ?? string.Empty;
                    break;
                case "$filter" or "$top" or "$count" or "$skiptoken":
                    throw new QueryValidationException($"The query option '{name}' is specified more than once.");
                default:
                    throw new QueryValidationException(
                        $"The query option '{TenantIds.Truncate(name)}' is not supported on securityActions. Supported: $filter, $top, $count, $skiptoken.");
            }
        }

        var pageSize = DirectoryAuditQueryParser.DefaultTop;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > DirectoryAuditQueryParser.MaxTop))
        {
            throw new QueryValidationException($"Invalid $top '{TenantIds.Truncate(top)}': it must be an integer from 1 to {DirectoryAuditQueryParser.MaxTop}.");
        }

        var includeCount = count switch
        {
            null => false,
            _ when count.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when count.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new QueryValidationException($"Invalid $count '{TenantIds.Truncate(count)}': it must be true or false."),
        };

        var filter = DirectoryAuditQueryParser.Run("$filter", filterText, DirectoryAuditQueryParser.CreateParser(
            filterText, null, null, GraphEdmModel.SecurityAction, GraphEdmModel.SecurityActions).ParseFilter);
        if (filter is not null)
        {
            // Translating once against a throwaway parameter list rejects unsupported constructs before any SQL runs.
            new FilterSqlTranslator(PostgresDialect.Instance, new SqlParameters(), FilterTarget.SecurityActions).Translate(filter);
        }

        var tenantId = routeTenantId is null ? null : TenantIds.Normalize(routeTenantId);
        // "v2": pages run newest first since 23 Nov 2026. A token issued for the older tenant-then-id order is refused as another
        // query's, rather than resumed in an order it was not cut for.
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(
            $"securityActions/v2\u001f{pageSize.ToString(CultureInfo.InvariantCulture)}\u001f{includeCount}\u001f{tenantId}\u001f{filterText ?? "\u0000"}"))[..16];
        var after = token is null ? null : skipTokens.Unprotect(token, fingerprint);
        return new SecurityActionQuery(filter, pageSize, includeCount, after, tenantId, fingerprint);
    }
}
