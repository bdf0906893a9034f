using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Hosting;
using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Demo;

/// <summary>
/// Once the silo is up, onboards every emulated tenant with the shared MSP app, shared between two demo customers (skipping tenants
/// kept from an earlier run), lets the demo operators sign in at this host's address, and says where to look.
/// </summary>
internal sealed partial class DemoOnboarding(
    GraphEmulatorServer emulator,
    IGrainFactory grains,
    ICustomerStore customers,
    IAccessGrantStore grants,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IServer server,
    HostSettings settings,
    BootstrapAdminKey adminKey,
    ILogger<DemoOnboarding> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lifetime.RunUntilStoppingAsync(stoppingToken, OnboardAsync);

    private static readonly (string Id, string DisplayName)[] DemoCustomers = [("northwind", "Northwind Traders"), ("tailspin", "Tailspin Toys")];

    private async Task OnboardAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, displayName) in DemoCustomers)
        {
            await customers.CreateAsync(
                new CustomerRecord { CustomerId = id, DisplayName = displayName, CreatedAt = clock.GetUtcNow(), CreatedBy = "demo" }, cancellationToken);
        }

        var onboarded = 0;
        var tenants = new List<(string DisplayName, string Customer, TenantHealthState State, string Licence)>();
        foreach (var (tenant, index) in emulator.Control.Tenants().Select((t, i) => (t, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var customer = DemoCustomers[index % DemoCustomers.Length].Id;
            var grain = grains.GetGrain<ITenantGrain>(tenant.Id.ToString("D"));
            var view = await grain.GetAsync();
            if (view is null)
            {
                var result = await grain.OnboardAsync(
                    new TenantRegistration(tenant.DisplayName, ["demo"], [AuditSource.DirectoryAudits, AuditSource.SecurityActions], new SharedAppTenantCredential(1), customer),
                    probeNow: true);
                view = result.Tenant;
                onboarded++;
            }

            tenants.Add((tenant.DisplayName, view?.CustomerId ?? "", view?.State ?? TenantHealthState.Pending, view is null ? "" : LicenceText(view.Capabilities)));
        }

        // The address Kestrel actually bound (the application has started), whichever of --urls, the environment or the default chose it.
        var gateway = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await AllowSignInAsync(new Uri(gateway), cancellationToken);
        LogReady(logger, onboarded, tenants.Count, gateway);
        var width = tenants.Max(t => t.DisplayName.Length);
        Console.WriteLine(
            $"""

            TenantAuditGrid demo: embedded mode, {tenants.Count} emulated tenants, data in {settings.DataDirectoryFullPath}
            {string.Join(Environment.NewLine, tenants.Select(t => $"  {t.DisplayName.PadRight(width)}  {t.Customer,-9} {t.State,-15} {t.Licence}"))}
            {AdminKeyText()}
            Try, after  AUTH="Authorization: Bearer $(cat {adminKey.KeyFile})"
              Tenants and their health:     curl -H "$AUTH" {gateway}/api/tenants
              One customer's tenants:       curl -H "$AUTH" '{gateway}/api/tenants?customer=northwind'
              Audit events, as Graph has:   curl -H "$AUTH" '{gateway}/graph/v1.0/auditLogs/directoryAudits?$top=5'
              Security actions (beta):      curl -H "$AUTH" '{gateway}/graph/beta/security/securityActions?$top=5'
              The API, described:           curl -H "$AUTH" {gateway}/openapi/api.json
            Or sign in in a browser at {gateway}/ as {DemoOperators.Admin.DisplayName} (Admin) or {DemoOperators.Reader.DisplayName} (Reader, Northwind Traders only).
            Stop with Ctrl+C; the data directory keeps everything for the next start.

            """);
    }

    /// <summary>
    /// Registers this host's sign-in callbacks on the emulated app registration (under 127.0.0.1 and localhost both, whichever the
    /// browser is given) and grants the demo Reader its one customer.
    /// </summary>
    private async Task AllowSignInAsync(Uri address, CancellationToken cancellationToken)
    {
        var hosts = address.IsLoopback ? new[] { "127.0.0.1", "localhost" } : [address.Host];
        foreach (var host in hosts)
        {
            var root = new UriBuilder(address) { Host = host }.Uri;
            emulator.Control.RegisterOperatorRedirectUri(new Uri(root, "signin-oidc"));
            emulator.Control.RegisterOperatorRedirectUri(new Uri(root, "signout-callback-oidc"));
        }

        var reader = GrantPrincipals.Of("user", DemoOperators.Reader.ObjectId!.Value.ToString());
        if (await grants.GetAsync(reader, cancellationToken) is null)
        {
            await grants.SetAsync(
                new AccessGrant { Principal = reader, AllCustomers = false, CustomerIds = [DemoOperators.ReaderCustomer], GrantedAt = clock.GetUtcNow(), GrantedBy = "demo" },
                cancellationToken);
        }
    }

    // The key is on the console once, when this start created it; the file keeps it for every later start.
    private string AdminKeyText() => adminKey.CreatedKey is { } key
        ? $"Every request needs a key. The Admin API key, shown this once and kept in {adminKey.KeyFile}:{Environment.NewLine}  {key}"
        : $"Every request needs a key: the Admin API key is in {adminKey.KeyFile}.";

    /// <summary>The licence and how far back Graph keeps the tenant's audit log, which is what the licence means to an operator.</summary>
    private static string LicenceText(TenantCapabilities capabilities) =>
        capabilities.Licence == Abstractions.Tenants.TenantLicence.Unknown
            ? $"{capabilities.Licence.DisplayName()}, up to {capabilities.RetentionDays} days of history"
            : $"{capabilities.Licence.DisplayName()}, {capabilities.RetentionDays} days of history";

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo ready: {Onboarded} of {Total} emulated tenants onboarded now. Try {Gateway}/api/tenants")]
    private static partial void LogReady(ILogger logger, int onboarded, int total, string gateway);
}
