namespace TenantAuditGrid.GraphEmulator;

/// <summary>Everything that shapes one emulator run. The defaults follow Graph's documented behaviour (see docs/emulator.md).</summary>
public sealed class EmulatorOptions
{
    /// <summary>How many demo tenants to create at start. Each gets a deterministic profile derived from <see cref="Seed"/>.</summary>
    public int TenantCount { get; set; } = 10;

    /// <summary>The same seed gives the same tenants, ids and events.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many times faster than the wall clock the emulator's clock runs.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>The emulated time at start; the wall clock's current time when unset.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>The real clock the scaled clock is built on.</summary>
    public TimeProvider WallClock { get; set; } = TimeProvider.System;

    /// <summary>Kestrel addresses, e.g. <c>https://127.0.0.1:8443</c>. Unset: https on 127.0.0.1 with a free port.</summary>
    public string? Urls { get; set; }

    /// <summary>Writes request logs to the console; off for tests.</summary>
    public bool EnableRequestLogging { get; set; }

    public SharedAppOptions SharedApp { get; set; } = new();

    /// <summary>The MSP's own tenant, where operators sign in to the product.</summary>
    public OperatorTenantOptions Operators { get; set; } = new();

    public ThrottlingOptions Throttling { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    public ActivityOptions Activity { get; set; } = new();

    /// <summary>How long a <c>$skiptoken</c> stays valid, in emulated time.</summary>
    public TimeSpan SkipTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of issued access tokens, in emulated time (Entra: 60–90 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Page size when the request has no <c>$top</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Largest accepted <c>$top</c>.</summary>
    public int MaxPageSize { get; set; } = 999;

    /// <summary>
    /// How many stored events one page may examine before it answers with what it found so far. Selective filters then see
    /// empty pages with a nextLink in the middle of a stream, as they do on Graph.
    /// </summary>
    public int MaxEventsScannedPerPage { get; set; } = 5000;

    internal void Validate()
    {
        Require(TenantCount >= 0, "TenantCount must not be negative.");
        Require(TimeScale > 0 && !double.IsInfinity(TimeScale), "TimeScale must be a positive number.");
        Require(SkipTokenLifetime > TimeSpan.Zero, "SkipTokenLifetime must be positive.");
        Require(AccessTokenLifetime > TimeSpan.Zero, "AccessTokenLifetime must be positive.");
        Require(MaxPageSize is >= 1 and <= 5000, "MaxPageSize must be between 1 and 5000.");
        Require(DefaultPageSize >= 1 && DefaultPageSize <= MaxPageSize, "DefaultPageSize must be between 1 and MaxPageSize.");
        Require(MaxEventsScannedPerPage >= MaxPageSize, "MaxEventsScannedPerPage must be at least MaxPageSize.");
        Require(!string.IsNullOrWhiteSpace(SharedApp.ClientId), "SharedApp.ClientId is required.");
        Require(!string.IsNullOrWhiteSpace(Operators.ApiClientId), "Operators.ApiClientId is required.");
        Require(Operators.TokenLifetime > TimeSpan.Zero, "Operators.TokenLifetime must be positive.");
        Throttling.Validate();
        Faults.Validate();
        Activity.Validate();
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
