using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>The table of contents of the emulator's HTTP surface.</summary>
internal static class EmulatorRoutes
{
    public static void MapEmulator(this WebApplication app)
    {
        app.MapEntra();
        app.MapOperatorSignIn();
        app.MapDirectoryAudits();
        app.MapSecurityActions();
        app.MapSubscribedSkus();
        app.MapControlApi();
    }
}
