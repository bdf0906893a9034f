namespace TenantAuditGrid.Store.Query;

/// <summary>Text a caller sent, quoted back in an error message.</summary>
public static class CallerText
{
    /// <summary>The text, shortened to 64 characters so a message stays readable whatever was sent.</summary>
    public static string Quote(string? value) => value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
