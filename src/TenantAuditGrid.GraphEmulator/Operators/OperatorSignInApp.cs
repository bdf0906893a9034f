namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The product's app registration as a web app: the client id (the API's own) and the client secret it redeems authorization codes
/// with. Generated per run; a host's sign-in settings take it.
/// </summary>
public sealed record OperatorSignInApp(Guid TenantId, string ClientId, string ClientSecret)
{
    public override string ToString() => $"OperatorSignInApp {{ TenantId = {TenantId}, ClientId = {ClientId} }}";
}
