using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// The keys behind session cookies: an embedded host keeps them in its SQLite store, encrypted under the master key, so a person
/// signed in before a restart is still signed in after it, and a copy of the store without the master key forges nothing.
/// </summary>
public sealed class SessionKeyRingTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-session-keys-").FullName;

    [Fact]
    public async Task A_session_survives_a_restart_and_the_stored_keys_hold_no_plaintext_key()
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

        var stored = await StoredKeysAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, key =>
        {
            Assert.Contains("<encryptedKey masterKeyId=", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
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

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "audit.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT element FROM session_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var elements = new List<string>();
        while (await reader.ReadAsync())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
