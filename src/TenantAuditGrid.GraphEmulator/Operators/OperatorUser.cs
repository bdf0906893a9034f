namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// A person in the MSP's tenant who signs in to the product in a browser, assigned some of its app roles and a member of
/// <see cref="Groups"/>; their ID tokens carry both, as Entra's do for an app with app roles and groupMembershipClaims.
/// </summary>
internal sealed record OperatorUser(Guid ObjectId, string DisplayName, string UserPrincipalName, string[] AppRoles, Guid[] Groups);

/// <summary>A person to add to the MSP's tenant. Give <see cref="ObjectId"/> to keep the same id across runs (the demo does).</summary>
public sealed record OperatorUserSpec(string DisplayName, string UserPrincipalName, IReadOnlyList<string> AppRoles, IReadOnlyList<Guid>? Groups = null, Guid? ObjectId = null);

/// <summary>What a test or demo gets back for a new operator user: the <c>oid</c> the product's grants name.</summary>
public sealed record OperatorUserInfo(Guid ObjectId, string DisplayName, string UserPrincipalName);
