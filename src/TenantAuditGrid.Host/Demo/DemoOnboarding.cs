using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Hosting;

namespace TenantAuditGrid.Host.Demo;

/// <summary>Once the silo is up, onboards every emulated tenant with the shared MSP app (skipping ones kept from an earlier run) and says where to look.</summary>
internal sealed partial class DemoOnboarding(
    GraphEmulatorServer emulator,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    ILogger<DemoOnboarding> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lifetime.RunUntilStoppingAsync(stoppingToken, OnboardAsync);

    private async Task OnboardAsync(CancellationToken cancellationToken)
    {
        var onboarded = 0;
        foreach (var tenant in emulator.Control.Tenants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = tenant.Id.ToString("D");
            var grain = grains.GetGrain<ITenantGrain>(id);
            if (await grain.GetAsync() is not null)
            {
                continue;
            }

            var result = await grain.OnboardAsync(
                new TenantRegistration(tenant.DisplayName, ["demo"], [AuditSource.DirectoryAudits, AuditSource.SecurityActions], new SharedAppTenantCredential(1)),
                probeNow: true);
            onboarded++;
            LogTenant(logger, tenant.DisplayName, id, result.Tenant?.State ?? TenantHealthState.Pending);
        }

        var urls = configuration["urls"] ?? string.Empty;
        var gateway = urls.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "http://127.0.0.1:5080";
        LogReady(logger, onboarded, emulator.Control.Tenants().Count, gateway);
        Console.WriteLine(
            $"""

            TenantAuditGrid demo: {emulator.Control.Tenants().Count} emulated tenants.
              Tenants and their health:  {gateway}/api/tenants
              Readiness:                 {gateway}/health/ready
            Stop with Ctrl+C; the data directory keeps everything for the next start.

            """);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {DisplayName} ({TenantId}) onboarded: {State}")]
    private static partial void LogTenant(ILogger logger, string displayName, string tenantId, TenantHealthState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo ready: {Onboarded} of {Total} emulated tenants onboarded now. Try {Gateway}/api/tenants")]
    private static partial void LogReady(ILogger logger, int onboarded, int total, string gateway);
}
