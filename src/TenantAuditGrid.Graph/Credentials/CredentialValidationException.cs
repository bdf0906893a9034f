namespace TenantAuditGrid.Graph.Credentials;

/// <summary>
/// An uploaded credential was rejected before anything was stored. <see cref="Field"/> names the input at fault
/// (for an API's problem details), <see cref="Code"/> is stable for programs. The message never contains the secret,
/// and no inner exception is attached: a crypto library's message is not ours to vouch for.
/// </summary>
public sealed class CredentialValidationException(string field, string code, string message) : Exception(message)
{
    public string Field { get; } = field;

    public string Code { get; } = code;
}
