namespace TenantAuditGrid.GraphEmulator;

/// <summary>An app registration in the MSP's tenant that calls the product with app-only tokens, holding some of its app roles.</summary>
internal sealed record OperatorClient(string ClientId, string DisplayName, string Secret, Guid ObjectId, string[] AppRoles);

/// <summary>What a test or demo gets back for a new operator client: enough to ask for a token, as an automation would.</summary>
public sealed record OperatorClientCredentials(Guid TenantId, string ClientId, string ClientSecret, string Scope)
{
    public override string ToString() => $"OperatorClientCredentials {{ ClientId = {ClientId} }}";
}
