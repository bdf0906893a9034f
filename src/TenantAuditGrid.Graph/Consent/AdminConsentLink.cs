namespace TenantAuditGrid.Graph.Consent;

/// <summary>
/// Builds Entra's admin-consent URL for the shared MSP app:
/// <c>{authority}{tenant}/adminconsent?client_id=…&amp;redirect_uri=…&amp;state=…</c>. A tenant administrator opens it, consents,
/// and Entra redirects back to <paramref name="redirectUri"/> with the outcome (see <see cref="AdminConsentOutcome"/>).
/// </summary>
public static class AdminConsentLink
{
    public static Uri Build(Uri authorityHost, string tenantId, string clientId, Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(authorityHost);
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The redirect URI must be absolute.", nameof(redirectUri));
        }

        var root = authorityHost.AbsoluteUri.EndsWith('/') ? authorityHost.AbsoluteUri : authorityHost.AbsoluteUri + "/";
        return new Uri(
            $"{root}{Uri.EscapeDataString(tenantId.Trim())}/adminconsent" +
            $"?client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri.AbsoluteUri)}&state={Uri.EscapeDataString(state)}");
    }
}
