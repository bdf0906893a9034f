using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Health;

/// <summary>The Entra token-endpoint error numbers (AADSTS…) a client-credentials request can meet, and what each means for a tenant.</summary>
public static class AadstsCodes
{
    public const int InvalidClientSecret = 7000215;
    public const int ClientSecretExpired = 7000222;
    public const int ApplicationNotFound = 700016;
    public const int MissingServicePrincipal = 7000229;
    public const int ConsentRequired = 65001;
    public const int TenantNotFound = 90002;
    public const int InvalidClientAssertion = 700027;
    public const int NoClientCredentialPresented = 7000218;
    public const int ApplicationDisabled = 7000112;
    public const int ResourcePrincipalNotFound = 500011;

    public static TenantHealthState? StateOf(int code) => code switch
    {
        InvalidClientSecret => TenantHealthState.CredentialInvalid,
        ClientSecretExpired => TenantHealthState.CredentialExpired,
        ApplicationNotFound => TenantHealthState.AppNotFound,
        ApplicationDisabled => TenantHealthState.AppNotFound,
        MissingServicePrincipal => TenantHealthState.ConsentRequired,
        ConsentRequired => TenantHealthState.ConsentRequired,
        ResourcePrincipalNotFound => TenantHealthState.ConsentRequired,
        TenantNotFound => TenantHealthState.TenantNotFound,
        // 700027 covers a bad signature, an unregistered certificate and an expired one alike; the probe checks expiry itself.
        InvalidClientAssertion => TenantHealthState.CredentialInvalid,
        NoClientCredentialPresented => TenantHealthState.CredentialInvalid,
        _ => null,
    };
}
