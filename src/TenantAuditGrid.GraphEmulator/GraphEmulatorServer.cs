using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The emulator hosted on Kestrel: Entra's token endpoint and the Graph surface on one https address. Start it in process
/// with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class GraphEmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2 tlsCertificate;

    private GraphEmulatorServer(WebApplication app, X509Certificate2 tlsCertificate, EmulatorRuntime runtime, EmulatorControl control, string sharedSecret)
    {
        this.app = app;
        this.tlsCertificate = tlsCertificate;
        Certificate = EmulatorCertificate.PublicPart(tlsCertificate);
        Clock = runtime.Clock;
        BaseAddress = runtime.BaseAddress;
        Control = control;
        SharedApp = new SharedAppCredentials(runtime.Options.SharedApp.ClientId, sharedSecret);
        Operators = runtime.Options.Operators;
    }

    /// <summary>The authority host for Azure.Identity and the Graph host: <c>{BaseAddress}v1.0/…</c>, <c>{BaseAddress}{tenant}/oauth2/v2.0/token</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The public part of the TLS certificate; clients pin it by thumbprint.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The emulator's clock. A host under test shares it so that throttle windows and timeouts scale together.</summary>
    public ScaledTimeProvider Clock { get; }

    /// <summary>Tenants, apps, grants, faults, the clock and the ground truth, in process.</summary>
    public EmulatorControl Control { get; }

    /// <summary>The shared multi-tenant MSP app's client id and secret.</summary>
    public SharedAppCredentials SharedApp { get; }

    /// <summary>The MSP's own tenant and the product's API app there, for a host's operator sign-in settings.</summary>
    public OperatorTenantOptions Operators { get; }

    /// <summary>The product's web app in the MSP tenant, with the secret a host redeems sign-in codes with.</summary>
    public OperatorSignInApp OperatorSignIn => Control.OperatorSignInApp;

    public static async Task<GraphEmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var start = options.StartTime ?? options.WallClock.GetUtcNow();
        var clock = new ScaledTimeProvider(options.WallClock, start, options.TimeScale);
        var runtime = new EmulatorRuntime(options, clock);
        var sharedSecret = options.SharedApp.ClientSecret ?? GenerateSecret();
        var directory = new EmulatorDirectory(options, sharedSecret);
        var certificate = EmulatorCertificate.Create(options.WallClock.GetUtcNow());

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GraphEmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.EnableRequestLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, options.Urls, certificate));
        EmulatorServices.Add(builder.Services, runtime, directory);
        var app = builder.Build();
        app.MapEmulator();
        await app.StartAsync(ct).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        runtime.BaseAddress = PublicBaseAddress(addresses);
        runtime.BrowserAddress = addresses.Where(a => a.StartsWith("http://", StringComparison.Ordinal)).Select(Loopback).FirstOrDefault();
        return new GraphEmulatorServer(app, certificate, runtime, app.Services.GetRequiredService<EmulatorControl>(), sharedSecret);
    }

    /// <summary>The certificate as PEM, for another process or container to trust.</summary>
    public string CertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>
    /// A handler for an in-process client (a test, a benchmark's own client) that trusts this emulator's self-signed certificate and
    /// nothing else the platform would refuse, compared by SHA-1 hash as the product's pinned trust does.
    /// </summary>
    public SocketsHttpHandler CreatePinnedHandler(bool followRedirects = true)
    {
        var thumbprint = Certificate.GetCertHashString();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = followRedirects };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase));
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        tlsCertificate.Dispose();
        Certificate.Dispose();
    }

    private static string GenerateSecret() =>
        "Emu~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '.').Replace('/', '_');

    private static void Listen(KestrelServerOptions kestrel, string? urls, X509Certificate2 certificate)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            kestrel.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate));

            // Plain http on loopback too, for the sign-in pages a browser opens, which would otherwise stop at the self-signed
            // certificate; programs are given the https address.
            kestrel.Listen(IPAddress.Loopback, 0);
            return;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            void Configure(ListenOptions listen)
            {
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    listen.UseHttps(certificate);
                }
            }

            if (uri.Host == "localhost")
            {
                kestrel.ListenLocalhost(uri.Port, Configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port, Configure);
            }
        }
    }

    private static Uri PublicBaseAddress(ICollection<string> addresses) =>
        Loopback(addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) ?? addresses.First());

    private static Uri Loopback(string address)
    {
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}

/// <summary>The shared app's credentials. The secret is printed only by the standalone emulator, on purpose, for demos.</summary>
public sealed record SharedAppCredentials(string ClientId, string ClientSecret)
{
    public override string ToString() => $"SharedAppCredentials {{ ClientId = {ClientId} }}";
}
