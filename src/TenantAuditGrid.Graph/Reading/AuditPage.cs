using System.Text.Json;

namespace TenantAuditGrid.Graph.Reading;

/// <summary>
/// One page as Graph returned it: the items untouched (so the store keeps the full payload) and the nextLink to follow
/// verbatim. A page may be empty and still have a nextLink; only a null <see cref="NextLink"/> ends the listing.
/// </summary>
public sealed record AuditPage(IReadOnlyList<JsonElement> Items, string? NextLink);
