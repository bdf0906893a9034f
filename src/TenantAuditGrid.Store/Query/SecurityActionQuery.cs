using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>A validated securityActions list query; paged in (tenantId, id) order.</summary>
public sealed record SecurityActionQuery(FilterClause? Filter, int Top, bool IncludeCount, AuditPageKey? After, string? TenantId, byte[] Fingerprint);
