using System.Security.Cryptography;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The emulated Entra directory: tenants, app registrations and service principals. One lock guards it; reads copy what
/// they need so callers never hold references into mutable state.
/// </summary>
internal sealed class EmulatorDirectory
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, Tenant> tenants = [];
    private readonly List<Tenant> tenantOrder = [];
    private readonly Dictionary<string, AppRegistration> apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmulatorOptions options;
    private ulong nextTenantOrdinal;

    public EmulatorDirectory(EmulatorOptions options, string sharedAppSecret)
    {
        this.options = options;
        var shared = new AppRegistration(options.SharedApp.ClientId, options.SharedApp.DisplayName, homeTenantId: null);
        shared.RequiredRoles.AddRange(options.SharedApp.Roles);
        shared.Secrets.Add(new RegisteredSecret(sharedAppSecret, options.SharedApp.ClientSecretExpires));
        if (options.SharedApp.Certificate is { } certificate)
        {
            shared.Certificates.Add(new RegisteredCertificate(certificate, null));
        }

        apps.Add(shared.ClientId, shared);
        for (var i = 0; i < options.TenantCount; i++)
        {
            CreateTenant(new TenantSpec { ConsentSharedApp = options.SharedApp.ConsentedInEveryTenant });
        }
    }

    public string SharedAppClientId => options.SharedApp.ClientId;

    public IReadOnlyList<TenantInfo> ListTenants()
    {
        lock (gate)
        {
            return tenantOrder.Select(t => t.ToInfo()).ToArray();
        }
    }

    public TenantInfo? FindTenant(Guid id)
    {
        lock (gate)
        {
            return tenants.TryGetValue(id, out var tenant) ? tenant.ToInfo() : null;
        }
    }

    /// <summary>Resolves the tenant segment of an Entra URL: a tenant id or its default domain.</summary>
    public Guid? ResolveTenant(string segment)
    {
        lock (gate)
        {
            if (Guid.TryParse(segment, out var id))
            {
                return tenants.ContainsKey(id) ? id : null;
            }

            return tenantOrder.FirstOrDefault(t => string.Equals(t.DefaultDomain, segment, StringComparison.OrdinalIgnoreCase))?.Id;
        }
    }

    /// <summary>What the event generator needs; null when the tenant does not exist.</summary>
    public TenantActivity? FindActivity(Guid id)
    {
        lock (gate)
        {
            return tenants.TryGetValue(id, out var t) ? new TenantActivity(t.Id, t.GenerationKey, t.DefaultDomain, t.EventsPerDay, t.Retention) : null;
        }
    }

    /// <summary>What <c>/subscribedSkus</c> needs; null when the tenant does not exist.</summary>
    public TenantLicensing? FindLicensing(Guid id)
    {
        lock (gate)
        {
            return tenants.TryGetValue(id, out var t) ? t.ToLicensing() : null;
        }
    }

    public TenantInfo CreateTenant(TenantSpec spec)
    {
        lock (gate)
        {
            var ordinal = nextTenantOrdinal++;
            var seed = (ulong)(uint)options.Seed;
            var id = spec.Id ?? StableHash.Guid(seed, ordinal, 0x7E4A47);
            if (tenants.ContainsKey(id))
            {
                throw new EmulatorControlException($"Tenant {id} already exists.");
            }

            var random = StableHash.Random(seed, ordinal, 0x11CE);
            var number = ordinal + 1;
            var tenant = new Tenant(id, StableHash.Mix(seed, ordinal, 0xE7E7), spec.DisplayName ?? $"Contoso {number:D4}", $"contoso{number:D4}-{id.ToString("N")[..6]}.onmicrosoft.com")
            {
                Licence = spec.Licence ?? DrawLicence(random),
                EventsPerDay = spec.EventsPerDay ?? DrawVolume(random),
                LicenceReadRefused = spec.LicenceReadRefused,
            };
            if (tenant.EventsPerDay is < 0 or > 1_000_000)
            {
                throw new EmulatorControlException("EventsPerDay must be between 0 and 1,000,000.");
            }

            tenants.Add(id, tenant);
            tenantOrder.Add(tenant);
            if (spec.ConsentSharedApp)
            {
                GrantLocked(tenant, apps[SharedAppClientId], null);
            }

            return tenant.ToInfo();
        }
    }

    public TenantInfo UpdateTenant(Guid id, TenantUpdate update)
    {
        lock (gate)
        {
            var tenant = RequireTenant(id);
            if (update.EventsPerDay is < 0 or > 1_000_000)
            {
                throw new EmulatorControlException("EventsPerDay must be between 0 and 1,000,000.");
            }

            tenant.DisplayName = update.DisplayName ?? tenant.DisplayName;
            tenant.Licence = update.Licence ?? tenant.Licence;
            tenant.EventsPerDay = update.EventsPerDay ?? tenant.EventsPerDay;
            tenant.LicenceReadRefused = update.LicenceReadRefused ?? tenant.LicenceReadRefused;
            return tenant.ToInfo();
        }
    }

    public AppInfo RegisterApp(AppSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (gate)
        {
            var clientId = spec.ClientId ?? Guid.NewGuid().ToString();
            if (apps.ContainsKey(clientId))
            {
                throw new EmulatorControlException($"An app with client id {clientId} is already registered.");
            }

            if (spec.Secret is null && spec.Certificate is null)
            {
                throw new EmulatorControlException("An app needs a secret or a certificate.");
            }

            if (spec.HomeTenantId is { } home && !tenants.ContainsKey(home))
            {
                throw new EmulatorControlException($"Tenant {home} does not exist.");
            }

            var app = new AppRegistration(clientId, spec.DisplayName, spec.HomeTenantId);
            app.RequiredRoles.AddRange(spec.Roles);
            if (spec.Secret is { } secret)
            {
                app.Secrets.Add(new RegisteredSecret(secret, spec.SecretExpires));
            }

            if (spec.Certificate is { } certificate)
            {
                app.Certificates.Add(new RegisteredCertificate(certificate, spec.CertificateExpires));
            }

            apps.Add(clientId, app);
            if (spec.HomeTenantId is { } homeTenant && spec.ConsentInHomeTenant)
            {
                GrantLocked(tenants[homeTenant], app, null);
            }

            return app.ToInfo();
        }
    }

    public IReadOnlyList<AppInfo> ListApps()
    {
        lock (gate)
        {
            return apps.Values.Select(a => a.ToInfo()).OrderBy(a => a.ClientId, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Creates or replaces the app's service principal grant in a tenant. Null roles grant what the app asks for.</summary>
    public GrantInfo Grant(Guid tenantId, string clientId, IReadOnlyCollection<string>? roles, bool consentRequired = false)
    {
        lock (gate)
        {
            var tenant = RequireTenant(tenantId);
            var app = RequireApp(clientId);
            if (app.HomeTenantId is { } home && home != tenantId)
            {
                throw new EmulatorControlException($"App {clientId} is single-tenant and belongs to another tenant.");
            }

            var principal = GrantLocked(tenant, app, roles);
            principal.ConsentRequired = consentRequired;
            return principal.ToInfo(app.ClientId);
        }
    }

    /// <summary>Removes the app's service principal from the tenant, as deleting the enterprise app does.</summary>
    public bool RemoveServicePrincipal(Guid tenantId, string clientId)
    {
        lock (gate)
        {
            return RequireTenant(tenantId).ServicePrincipals.Remove(clientId);
        }
    }

    /// <summary>Forces every token already issued to the app in the tenant (or in every tenant) to be refused.</summary>
    public int ExpireTokens(Guid? tenantId, string? clientId, DateTimeOffset now)
    {
        lock (gate)
        {
            var affected = 0;
            foreach (var tenant in tenantId is { } id ? [RequireTenant(id)] : tenantOrder)
            {
                foreach (var (appId, principal) in tenant.ServicePrincipals)
                {
                    if (clientId is null || string.Equals(appId, clientId, StringComparison.OrdinalIgnoreCase))
                    {
                        principal.TokensValidFrom = now;
                        affected++;
                    }
                }
            }

            return affected;
        }
    }

    /// <summary>Everything the token endpoint needs to decide, copied under the lock.</summary>
    public TokenRequestView? ViewForTokenRequest(Guid tenantId, string clientId)
    {
        lock (gate)
        {
            var tenant = tenants[tenantId];
            if (!apps.TryGetValue(clientId, out var app) || (app.HomeTenantId is { } home && home != tenantId))
            {
                return null;
            }

            tenant.ServicePrincipals.TryGetValue(app.ClientId, out var principal);
            return new TokenRequestView(
                app.ClientId,
                app.DisplayName,
                app.Secrets.ToArray(),
                app.Certificates.ToArray(),
                principal is null ? null : new ServicePrincipalView(principal.ObjectId, principal.Roles.ToArray(), principal.ConsentRequired));
        }
    }

    /// <summary>What Graph checks on each call: current roles of the app in the tenant and the forced-expiry mark.</summary>
    public ServicePrincipalState? ViewForGraphCall(Guid tenantId, string clientId)
    {
        lock (gate)
        {
            if (!tenants.TryGetValue(tenantId, out var tenant) || !tenant.ServicePrincipals.TryGetValue(clientId, out var principal))
            {
                return null;
            }

            return new ServicePrincipalState(principal.Roles.ToArray(), principal.TokensValidFrom);
        }
    }

    public AppInfo? FindApp(string clientId)
    {
        lock (gate)
        {
            return apps.TryGetValue(clientId, out var app) ? app.ToInfo() : null;
        }
    }

    private ServicePrincipal GrantLocked(Tenant tenant, AppRegistration app, IReadOnlyCollection<string>? roles)
    {
        if (!tenant.ServicePrincipals.TryGetValue(app.ClientId, out var principal))
        {
            principal = new ServicePrincipal(ServicePrincipalId(tenant, app));
            tenant.ServicePrincipals.Add(app.ClientId, principal);
        }

        principal.Roles.Clear();
        principal.Roles.UnionWith(roles ?? app.RequiredRoles);
        principal.ConsentRequired = false;
        return principal;
    }

    private static Guid ServicePrincipalId(Tenant tenant, AppRegistration app)
    {
        // Stable across runs: derived from the tenant and the client id's bytes, never from string.GetHashCode.
        var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(app.ClientId.ToUpperInvariant()));
        return StableHash.Guid(tenant.GenerationKey, BitConverter.ToUInt64(digest), 0x5B);
    }

    private Tenant RequireTenant(Guid id) =>
        tenants.TryGetValue(id, out var tenant) ? tenant : throw new EmulatorControlException($"Tenant {id} does not exist.", notFound: true);

    private AppRegistration RequireApp(string clientId) =>
        apps.TryGetValue(clientId, out var app) ? app : throw new EmulatorControlException($"App {clientId} is not registered.", notFound: true);

    private TenantLicence DrawLicence(Random random) =>
        random.NextDouble() < options.Activity.FreeLicenceShare ? TenantLicence.Free
        : random.Next(2) == 0 ? TenantLicence.P1 : TenantLicence.P2;

    private double DrawVolume(Random random)
    {
        var sigma = options.Activity.VolumeSkew;
        // Box–Muller normal draw; exp(sigma*z - sigma^2/2) has mean 1, so the fleet's mean volume stays as configured.
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Round(options.Activity.MeanEventsPerDay * Math.Exp((sigma * z) - (sigma * sigma / 2)), 1);
    }
}

internal sealed record TenantLicensing(Guid TenantId, string DisplayName, TenantLicence Licence, TenantLicence? LapsedLicence, bool ReadRefused);

internal sealed record TenantActivity(Guid TenantId, ulong GenerationKey, string DefaultDomain, double EventsPerDay, TimeSpan Retention);

internal sealed record TokenRequestView(
    string ClientId, string DisplayName, RegisteredSecret[] Secrets, RegisteredCertificate[] Certificates, ServicePrincipalView? Principal);

internal sealed record ServicePrincipalView(Guid ObjectId, string[] Roles, bool ConsentRequired);

internal sealed record ServicePrincipalState(string[] Roles, DateTimeOffset TokensValidFrom);
