namespace TenantAuditGrid.Host.Access;

/// <summary>Claim types the product reads, named as Entra's tokens name them; API key identities use the same ones.</summary>
public static class OperatorClaims
{
    public const string ObjectId = "oid";
    public const string Name = "name";
    public const string AppDisplayName = "app_displayname";
    public const string AuthorizedParty = "azp";

    /// <summary>Set only on identities an API key produced: the key's id.</summary>
    public const string ApiKeyId = "tag_key_id";
}
