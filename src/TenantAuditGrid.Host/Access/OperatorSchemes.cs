namespace TenantAuditGrid.Host.Access;

/// <summary>
/// The authentication schemes. <see cref="Bearer"/> is the default: it looks at the bearer credential and forwards API keys to
/// <see cref="ApiKey"/> and everything else to <see cref="Entra"/>, so both arrive as <c>Authorization: Bearer</c>, as the Graph
/// SDKs send them.
/// </summary>
public static class OperatorSchemes
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";
    public const string Entra = "Entra";
}
