using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// The keys behind session cookies: an embedded host keeps them beside its data, owner-only and encrypted under the master key, so
/// a person signed in before a restart is still signed in after it.
/// </summary>
public sealed class SessionKeyRingTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-session-keys-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_session_survives_a_restart_and_the_stored_keys_are_owner_only_and_hold_no_plaintext_key()
    {
        await using var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 13 });
        var user = emulator.Control.CreateOperatorUser(new OperatorUserSpec("Restarted", "restarted@msp.example", [EmulatorOperators.Reader]));
        using var browser = await SignInAsync(emulator, user.ObjectId);

        await using (var restarted = await RunningHost.StartEmbeddedAsync(dataDirectory, HostArgs.GraphAt(emulator)))
        {
            // Cookies belong to the host name, not the port, as in a browser; the restarted host has a new port.
            var me = await browser.Http.GetFromJsonAsync<JsonElement>(new Uri(restarted.BaseAddress, "api/me"));
            Assert.Equal(user.ObjectId.ToString(), me.GetProperty("id").GetString());
        }

        var directory = Path.Combine(dataDirectory, "session-keys");
        var keys = Directory.GetFiles(directory, "key-*.xml");
        Assert.NotEmpty(keys);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(directory));
        Assert.All(keys, key =>
        {
            var xml = File.ReadAllText(key);
            Assert.Contains("<encryptedKey masterKeyId=", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_the_master_key_that_wrote_them_the_stored_keys_are_useless_and_the_old_session_is_no_one()
    {
        await using var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 13 });
        var user = emulator.Control.CreateOperatorUser(new OperatorUserSpec("Rekeyed", "rekeyed@msp.example", [EmulatorOperators.Reader]));
        using var browser = await SignInAsync(emulator, user.ObjectId);

        // Another master key is what a stolen copy of the data directory without master.key amounts to.
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var rekeyed = await RunningHost.StartEmbeddedAsync(dataDirectory, [.. HostArgs.GraphAt(emulator), $"--TenantAuditGrid:Credentials:MasterKey={otherKey}"]);
        using var me = await browser.Http.GetAsync(new Uri(rekeyed.BaseAddress, "api/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private async Task<SignedInBrowser> SignInAsync(GraphEmulatorServer emulator, Guid user)
    {
        await using var first = await RunningHost.StartEmbeddedAsync(dataDirectory, HostArgs.GraphAt(emulator));
        emulator.Control.RegisterOperatorRedirectUri(new Uri(first.BaseAddress, "signin-oidc"));
        var browser = new SignedInBrowser(first.BaseAddress);
        await browser.SignInAsync(user);
        using var me = await browser.Http.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return browser;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode ModeOf(string path) => File.GetUnixFileMode(path);

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
