namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// An app registration in the MSP's tenant that calls the product with app-only tokens, holding some of its app roles; its service
/// principal is a member of <see cref="Groups"/>, which its tokens carry in <c>groups</c> (an app with groupMembershipClaims set).
/// </summary>
internal sealed record OperatorClient(string ClientId, string DisplayName, string Secret, Guid ObjectId, string[] AppRoles, Guid[] Groups);

/// <summary>What a test or demo gets back for a new operator client: enough to ask for a token, as an automation would.</summary>
/// <param name="ObjectId">The client's service principal object id: the <c>oid</c> of its tokens.</param>
public sealed record OperatorClientCredentials(Guid TenantId, string ClientId, string ClientSecret, string Scope, Guid ObjectId)
{
    public override string ToString() => $"OperatorClientCredentials {{ ClientId = {ClientId} }}";
}
