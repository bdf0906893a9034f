namespace TenantAuditGrid.Graph.Health;

/// <summary>What kind of thing went wrong, which decides what a caller does next.</summary>
public enum GraphFailureKind
{
    /// <summary>The token endpoint refused the credential (wrong/expired secret, unknown app, no consent, unknown tenant).</summary>
    TokenRefused,

    /// <summary>Graph rejected a token (401): drop the cached client and get a new token once; if it repeats, probe.</summary>
    TokenRejected,

    /// <summary>403: a permission or licence is missing. Stop calling this source until a probe says otherwise.</summary>
    Forbidden,

    /// <summary>429: wait <see cref="GraphAccessFailure.RetryAfter"/> (or back off) and spend the budget elsewhere.</summary>
    Throttled,

    /// <summary>5xx from Graph or the token endpoint: transient; retry with jitter, shrink the window after 504s.</summary>
    ServerError,

    /// <summary>No HTTP answer at all (DNS, connect, TLS, timeout).</summary>
    Network,

    /// <summary>400 and other request-level answers: a bad filter or an expired/invalid skiptoken. Says nothing about the tenant.</summary>
    BadRequest,

    /// <summary>404: the resource does not exist (for example securityActions outside the global cloud).</summary>
    NotFound,

    /// <summary>The stored credential could not be decrypted (master key missing or value tampered with).</summary>
    CredentialUnusable,
}
