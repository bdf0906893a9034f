namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The in-process control and ground-truth API. The HTTP control API under <c>/_emulator/…</c> calls the same methods.
/// Bad input throws <see cref="EmulatorControlException"/> and changes nothing.
/// </summary>
public sealed class EmulatorControl
{
    private readonly EmulatorDirectory directory;
    private readonly EmulatorRuntime runtime;
    private readonly AuditEventStore events;
    private readonly SecurityActionStore securityActions;
    private readonly ReportsThrottle throttle;
    private readonly OperatorTenant operators;

    internal EmulatorControl(
        EmulatorDirectory directory, EmulatorRuntime runtime, AuditEventStore events, SecurityActionStore securityActions, ReportsThrottle throttle, OperatorTenant operators)
    {
        this.operators = operators;
        this.throttle = throttle;
        this.securityActions = securityActions;
        this.directory = directory;
        this.runtime = runtime;
        this.events = events;
    }

    public string SharedAppClientId => directory.SharedAppClientId;

    /// <summary>
    /// Registers an app in the MSP's tenant holding the given app roles of the product's API (e.g. <c>TenantAuditGrid.Admin</c>; any
    /// value, so tests can hand out roles the product does not know) and returns what it needs to ask for app-only tokens.
    /// </summary>
    public OperatorClientCredentials CreateOperatorClient(string displayName, IReadOnlyCollection<string> appRoles, IReadOnlyCollection<Guid>? groups = null) =>
        operators.CreateClient(displayName, appRoles, groups);

    /// <summary>Adds a person to the MSP's tenant, listed on the sign-in page, holding the given app roles of the product's API.</summary>
    public OperatorUserInfo CreateOperatorUser(OperatorUserSpec spec) => operators.CreateUser(spec);

    /// <summary>Registers a redirect URI of the product's web app: its sign-in callback, or where to return after signing out.</summary>
    public void RegisterOperatorRedirectUri(Uri uri) => operators.RegisterRedirectUri(uri);

    /// <summary>The product's web app registration: the client id and the secret it redeems authorization codes with.</summary>
    public OperatorSignInApp OperatorSignInApp => new(operators.Options.TenantId, operators.Options.ApiClientId, operators.SignInSecret);

    public IReadOnlyList<TenantInfo> Tenants() => directory.ListTenants();

    public TenantInfo Tenant(Guid id) => directory.FindTenant(id) ?? throw new EmulatorControlException($"Tenant {id} does not exist.", notFound: true);

    public TenantInfo CreateTenant(TenantSpec? spec = null) => directory.CreateTenant(spec ?? new TenantSpec());

    public TenantInfo UpdateTenant(Guid id, TenantUpdate update) => directory.UpdateTenant(id, update ?? throw new EmulatorControlException("An update is required."));

    public AppInfo RegisterApp(AppSpec spec) => directory.RegisterApp(spec ?? throw new EmulatorControlException("An app is required."));

    public IReadOnlyList<AppInfo> Apps() => directory.ListApps();

    /// <summary>Gives the app a service principal in the tenant with exactly these roles (null: the roles the app asks for).</summary>
    public GrantInfo Grant(Guid tenantId, string clientId, IReadOnlyCollection<string>? roles = null) =>
        directory.Grant(tenantId, clientId, roles);

    /// <summary>Keeps the service principal but makes token requests fail with AADSTS65001 until consent is given again.</summary>
    public GrantInfo RequireConsent(Guid tenantId, string clientId)
    {
        var current = directory.FindTenant(tenantId)?.Grants.FirstOrDefault(g => string.Equals(g.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
            ?? throw new EmulatorControlException($"App {clientId} has no service principal in tenant {tenantId}.", notFound: true);
        return directory.Grant(tenantId, clientId, current.Roles.ToArray(), consentRequired: true);
    }

    /// <summary>Takes one application permission away mid-run; Graph refuses it at once, even for tokens that still carry it.</summary>
    public GrantInfo RevokeRole(Guid tenantId, string clientId, string role)
    {
        var current = directory.FindTenant(tenantId)?.Grants.FirstOrDefault(g => string.Equals(g.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
            ?? throw new EmulatorControlException($"App {clientId} has no service principal in tenant {tenantId}.", notFound: true);
        return directory.Grant(tenantId, clientId, current.Roles.Where(r => !string.Equals(r, role, StringComparison.OrdinalIgnoreCase)).ToArray());
    }

    /// <summary>Deletes the app's service principal (consent withdrawn): token requests then fail with AADSTS7000229.</summary>
    public bool RemoveServicePrincipal(Guid tenantId, string clientId) => directory.RemoveServicePrincipal(tenantId, clientId);

    /// <summary>Makes Graph refuse every token issued so far (to one app, in one tenant, or everywhere).</summary>
    public int ExpireTokens(Guid? tenantId = null, string? clientId = null) => directory.ExpireTokens(tenantId, clientId, runtime.Clock.GetUtcNow());

    public FaultOptions Faults
    {
        get => runtime.Faults;
        set
        {
            try
            {
                runtime.Faults = value;
            }
            catch (ArgumentException e)
            {
                throw new EmulatorControlException(e.Message);
            }
        }
    }

    public DateTimeOffset Now => runtime.Clock.GetUtcNow();

    /// <summary>Reports requests admitted and refused (429) so far, split by the limit that refused them.</summary>
    public ThrottleCounts ThrottleCounts => throttle.Counts;

    /// <summary>Moves the emulated clock forward; events become visible and tokens, skiptokens and throttle windows age accordingly.</summary>
    public DateTimeOffset AdvanceClock(TimeSpan by)
    {
        if (by < TimeSpan.Zero || by > TimeSpan.FromDays(3650))
        {
            throw new EmulatorControlException("The clock only moves forward, by at most 10 years at a time.");
        }

        runtime.Clock.Advance(by);
        return runtime.Clock.GetUtcNow();
    }

    /// <summary>
    /// The directoryAudit events of a tenant that a complete client holds at <paramref name="at"/> (default: now), newest
    /// first: visible (past their late-arrival delay) and inside the licence's retention window.
    /// </summary>
    public AuditTruth VisibleAuditEvents(Guid tenantId, DateTimeOffset? at = null)
    {
        var activity = directory.FindActivity(tenantId) ?? throw new EmulatorControlException($"Tenant {tenantId} does not exist.", notFound: true);
        var instant = at ?? runtime.Clock.GetUtcNow();
        var visible = events.AllVisible(activity, instant);
        return new AuditTruth(tenantId, instant, visible.Count, visible.Select(e => e.Id).ToArray());
    }

    /// <summary>Like <see cref="VisibleAuditEvents"/> but with each event's time and the instant it became visible.</summary>
    public IReadOnlyList<AuditEventTruth> VisibleAuditEventDetails(Guid tenantId, DateTimeOffset? at = null)
    {
        var activity = directory.FindActivity(tenantId) ?? throw new EmulatorControlException($"Tenant {tenantId} does not exist.", notFound: true);
        return events.AllVisible(activity, at ?? runtime.Clock.GetUtcNow())
            .Select(e => new AuditEventTruth(e.Id, e.ActivityDateTime, e.VisibleAt, e.ActivityDisplayName, e.Category, e.LoggedByService))
            .ToArray();
    }

    /// <summary>
    /// Events that happened inside [from, to] whatever their visibility, with the instant each becomes visible: lets a test
    /// pick an event that is still in flight.
    /// </summary>
    public IReadOnlyList<AuditEventTruth> AuditEventsHappenedBetween(Guid tenantId, DateTimeOffset from, DateTimeOffset to)
    {
        var activity = directory.FindActivity(tenantId) ?? throw new EmulatorControlException($"Tenant {tenantId} does not exist.", notFound: true);
        if (to < from || to - from > TimeSpan.FromDays(31))
        {
            throw new EmulatorControlException("The range must be ordered and at most 31 days long.");
        }

        var result = new List<AuditEventTruth>();
        for (var b = AuditEventGenerator.BucketOf(from); b <= AuditEventGenerator.BucketOf(to); b++)
        {
            result.AddRange(events.Bucket(activity, b)
                .Where(e => e.ActivityDateTime >= from && e.ActivityDateTime <= to)
                .Select(e => new AuditEventTruth(e.Id, e.ActivityDateTime, e.VisibleAt, e.ActivityDisplayName, e.Category, e.LoggedByService)));
        }

        return result;
    }

    /// <summary>
    /// Submits a security action on behalf of the shared app, as if it had been created <see cref="SecurityActionSpec.Age"/> ago, so a
    /// test can give tenants actions that are already finished, running or not started yet. Its progress then follows the clock.
    /// </summary>
    public SecurityActionTruth SubmitSecurityAction(Guid tenantId, SecurityActionSpec? spec = null)
    {
        var tenant = Tenant(tenantId);
        spec ??= new SecurityActionSpec();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Age < TimeSpan.Zero || spec.Age > TimeSpan.FromDays(30))
        {
            throw new EmulatorControlException("A security action needs a name and an age between 0 and 30 days.");
        }

        var sharedApp = tenant.Grants.FirstOrDefault(g => string.Equals(g.ClientId, directory.SharedAppClientId, StringComparison.OrdinalIgnoreCase));
        var request = new SecurityActionRequest(spec.Name, spec.ActionReason, null, [new SecurityActionParameter("IP", spec.Ip)], null);
        var now = runtime.Clock.GetUtcNow();
        var created = securityActions.Create(tenantId, request, directory.SharedAppClientId, sharedApp?.ServicePrincipalId.ToString(), now - spec.Age);
        return Truth(created, now);
    }

    /// <summary>The tenant's security actions as they stand at the current emulated time, newest first.</summary>
    public IReadOnlyList<SecurityActionTruth> SecurityActions(Guid tenantId)
    {
        _ = directory.FindActivity(tenantId) ?? throw new EmulatorControlException($"Tenant {tenantId} does not exist.", notFound: true);
        var now = runtime.Clock.GetUtcNow();
        return securityActions.List(tenantId)
            .Select(a => Truth(a, now))
            .ToArray();
    }

    private static SecurityActionTruth Truth(SecurityActionRecord action, DateTimeOffset now)
    {
        var states = action.States(now);
        return new SecurityActionTruth(action.Id, action.Name, states[^1].Status, action.AppId, action.CreatedDateTime, states);
    }
}
