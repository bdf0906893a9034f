using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>
/// The real Host executable in embedded mode, talking over HTTPS to a Graph emulator that this test process owns and controls.
/// Everything the Host learns about a tenant it learns through Azure.Identity and the Graph SDK, exactly as against Microsoft.
/// </summary>
public sealed class EmulatedHostFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-tenants-").FullName;
    private RunningHost? host;

    public GraphEmulatorServer Emulator { get; private set; } = null!;

    public HttpClient Http => host!.Http;

    /// <summary>The bootstrap Admin API key the host created on its first start; <see cref="Http"/> sends it.</summary>
    public string AdminKey => File.ReadAllText(RunningHost.AdminKeyFile(dataDirectory)).Trim();

    /// <summary>A client for the host's API that sends <paramref name="bearer"/>, or no credential at all.</summary>
    public HttpClient ClientWith(string? bearer)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    public HostProcess Host => host!.Process;

    /// <summary>A browser at the host, not yet signed in; the emulator knows the host's sign-in callbacks.</summary>
    public SignedInBrowser NewBrowser() => new(host!.BaseAddress);

    /// <summary>A person in the emulator's MSP tenant holding <paramref name="appRoles"/>, signed in at the host in a new browser.</summary>
    public async Task<(OperatorUserInfo User, SignedInBrowser Browser)> SignedInAsync(string name, params string[] appRoles)
    {
        var user = Emulator.Control.CreateOperatorUser(new OperatorUserSpec(name, $"{Guid.NewGuid():N}@msp.example", appRoles));
        var browser = NewBrowser();
        await browser.SignInAsync(user.ObjectId);
        return (user, browser);
    }

    /// <summary>Every response body the tests read, so the secrets test can search them.</summary>
    public List<string> ResponseBodies { get; } = [];

    public async Task InitializeAsync()
    {
        Emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 11 });
        host = await RunningHost.StartEmbeddedAsync(dataDirectory, [.. HostArgs.GraphAt(Emulator), "--Logging:LogLevel:Default=Information"]);
        Emulator.Control.RegisterOperatorRedirectUri(new Uri(host.BaseAddress, "signin-oidc"));
        Emulator.Control.RegisterOperatorRedirectUri(new Uri(host.BaseAddress, "signout-callback-oidc"));
    }

    /// <summary>A new emulated tenant, P1 unless a test is about the licence, so its health does not depend on the seed's draw.</summary>
    public TenantInfo NewTenant(bool consentSharedApp = true, TenantLicence licence = TenantLicence.P1, bool licenceReadRefused = false) =>
        Emulator.Control.CreateTenant(new TenantSpec { ConsentSharedApp = consentSharedApp, Licence = licence, LicenceReadRefused = licenceReadRefused });

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var (response, parsed, text) = await host!.SendAsync(method, path, body);
        lock (ResponseBodies)
        {
            ResponseBodies.Add(text);
        }

        return (response, parsed);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
