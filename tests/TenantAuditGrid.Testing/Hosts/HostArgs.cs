using TenantAuditGrid.Graph;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Testing.Hosts;

/// <summary>Command lines for a host under test: loopback HTTP on a free port and free Orleans ports, so tests can run side by side.</summary>
public sealed class HostArgs
{
    public int HttpPort { get; } = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    public List<string> Embedded(string dataDirectory) =>
    [
        "--urls", BaseAddress.ToString().TrimEnd('/'),
        "--data-dir", dataDirectory,
        .. OrleansPorts(),
    ];

    public List<string> Cluster() => Cluster(Guid.NewGuid().ToString("N"));

    /// <summary>A silo of the named cluster: silos given the same id (and database) form one cluster.</summary>
    public List<string> Cluster(string clusterId) =>
    [
        "--mode", "Cluster",
        "--urls", BaseAddress.ToString().TrimEnd('/'),
        "--TenantAuditGrid:Cluster:ClusterId=" + clusterId,
        .. OrleansPorts(),
    ];

    /// <summary>
    /// Points the host's Azure.Identity and Graph SDK at the emulator, trusting its certificate, with its shared app configured, and
    /// has operators sign in at the emulator's MSP tenant.
    /// </summary>
    public static string[] GraphAt(GraphEmulatorServer emulator) =>
    [
        .. EmulatedGraphSettings.For(emulator.BaseAddress, emulator.Certificate.Thumbprint, emulator.SharedApp.ClientId, emulator.SharedApp.ClientSecret,
                (emulator.OperatorSignIn.TenantId, emulator.OperatorSignIn.ClientId, emulator.OperatorSignIn.ClientSecret))
            .Select(setting => $"--{setting.Key}={setting.Value}"),
    ];

    private static string[] OrleansPorts() =>
    [
        $"--TenantAuditGrid:Cluster:SiloPort={FreePort.Next()}",
        $"--TenantAuditGrid:Cluster:GatewayPort={FreePort.Next()}",
    ];
}
