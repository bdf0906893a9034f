using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>
/// The master-key rotation of docs/operations.md, run against the real Host: after the re-encryption pass the old key can be removed and
/// every per-tenant secret still works; a key nobody configured is reported, not hidden.
/// </summary>
public sealed class MasterKeyRotationTests : IAsyncLifetime
{
    private static readonly string OldKey = NewKey();
    private static readonly string NewMasterKey = NewKey();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-rotation-").FullName;
    private GraphEmulatorServer emulator = null!;

    public async Task InitializeAsync() =>
        emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 31 });

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task After_reencryption_the_previous_key_can_be_retired_and_secrets_still_work()
    {
        var ownApp = emulator.Control.CreateTenant(new TenantSpec { ConsentSharedApp = false });
        var secret = "rotation-" + Guid.NewGuid();
        var app = emulator.Control.RegisterApp(new AppSpec { HomeTenantId = ownApp.Id, Secret = secret });
        var sharedApp = emulator.Control.CreateTenant(new TenantSpec { ConsentSharedApp = true });

        await using (var before = await StartAsync(OldKey))
        {
            await OnboardAsync(before.Http, OwnAppTenant(ownApp, app, secret));
            await OnboardAsync(before.Http, new { tenantId = sharedApp.Id, displayName = "Shared app", sources = new[] { "directoryAudits" } });
            Assert.Equal(0, await before.StopAsync());
        }

        JsonElement firstPass, secondPass;
        await using (var during = await StartAsync(NewMasterKey, previousKey: OldKey))
        {
            firstPass = await ReEncryptAsync(during.Http);
            secondPass = await ReEncryptAsync(during.Http);
            Assert.Equal(0, await during.StopAsync());
        }

        await using var after = await StartAsync(NewMasterKey);
        var afterRetirement = await ReEncryptAsync(after.Http);
        var (probe, probed) = await ProbeOutsideThrottlingAsync(after.Http, ownApp.Id);

        Assert.Equal((2, 1, 0, 1), Counts(firstPass));
        Assert.Equal((2, 0, 1, 1), Counts(secondPass));
        Assert.Equal((2, 0, 1, 1), Counts(afterRetirement));
        Assert.Empty(afterRetirement.GetProperty("undecryptable").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("healthy", probed.GetProperty("state").GetString());
    }

    // Three hosts in a row start with a fresh throttle budget each, while Graph's window for the tenant remembers the requests of the
    // previous ones (their probes and syncs), so the probe may be answered 429 at first. A throttled probe proves nothing about the
    // secret either way; one that gets through does.
    private static async Task<(HttpResponseMessage Response, JsonElement Tenant)> ProbeOutsideThrottlingAsync(HttpClient http, Guid tenantId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await http.PostAsync($"/api/tenants/{tenantId}/probe", null);
            var tenant = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode != HttpStatusCode.OK || tenant.GetProperty("state").GetString() != "throttled" || DateTimeOffset.UtcNow > deadline)
            {
                return (response, tenant);
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public async Task A_secret_written_under_a_key_no_longer_configured_is_reported_as_undecryptable()
    {
        var ownApp = emulator.Control.CreateTenant(new TenantSpec { ConsentSharedApp = false });
        var secret = "lost-key-" + Guid.NewGuid();
        var app = emulator.Control.RegisterApp(new AppSpec { HomeTenantId = ownApp.Id, Secret = secret });

        await using (var before = await StartAsync(OldKey))
        {
            await OnboardAsync(before.Http, OwnAppTenant(ownApp, app, secret));
            Assert.Equal(0, await before.StopAsync());
        }

        await using var withoutOldKey = await StartAsync(NewMasterKey);
        var pass = await ReEncryptAsync(withoutOldKey.Http);

        Assert.Equal((1, 0, 0, 0), Counts(pass));
        Assert.Equal([ownApp.Id.ToString("D")], pass.GetProperty("undecryptable").EnumerateArray().Select(t => t.GetString()!).ToArray());
    }

    private static (int Tenants, int ReEncrypted, int AlreadyCurrent, int WithoutSecret) Counts(JsonElement report) => (
        report.GetProperty("tenants").GetInt32(),
        report.GetProperty("reEncrypted").GetInt32(),
        report.GetProperty("alreadyCurrent").GetInt32(),
        report.GetProperty("withoutSecret").GetInt32());

    private static object OwnAppTenant(TenantInfo tenant, AppInfo app, string secret) => new
    {
        tenantId = tenant.Id,
        displayName = "Own app",
        sources = new[] { "directoryAudits" },
        credential = new { type = "clientSecret", clientId = app.ClientId, clientSecret = secret },
    };

    private static async Task OnboardAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/tenants", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> ReEncryptAsync(HttpClient http)
    {
        var response = await http.PostAsync("/api/credentials:reencrypt", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<RunningHost> StartAsync(string masterKey, string? previousKey = null)
    {
        string[] keys = previousKey is null
            ? [$"--TenantAuditGrid:Credentials:MasterKey={masterKey}"]
            : [$"--TenantAuditGrid:Credentials:MasterKey={masterKey}", $"--TenantAuditGrid:Credentials:PreviousMasterKeys:0={previousKey}"];
        return RunningHost.StartEmbeddedAsync(dataDirectory, [.. keys, .. HostArgs.GraphAt(emulator)]);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
