namespace TenantAuditGrid.Host.Access;

/// <summary>The credential of an <c>Authorization: Bearer …</c> header, the only way callers present keys and tokens.</summary>
public static class BearerCredential
{
    private const string Scheme = "Bearer ";

    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
