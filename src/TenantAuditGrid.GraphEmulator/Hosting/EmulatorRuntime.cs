namespace TenantAuditGrid.GraphEmulator;

/// <summary>Run-wide state that is not the directory: the clock, the public address and the current faults.</summary>
internal sealed class EmulatorRuntime(EmulatorOptions options, ScaledTimeProvider clock)
{
    private readonly Random faultRandom = new(options.Seed);
    private FaultOptions faults = options.Faults;

    public EmulatorOptions Options { get; } = options;

    public ScaledTimeProvider Clock { get; } = clock;

    /// <summary>Set once Kestrel has bound; every absolute URL the emulator writes starts with it.</summary>
    public Uri BaseAddress { get; set; } = new("https://127.0.0.1/");

    /// <summary>The plain-http address, when the emulator has one, where browsers are sent to sign in; null: the request's own.</summary>
    public Uri? BrowserAddress { get; set; }

    public FaultOptions Faults
    {
        get => Volatile.Read(ref faults);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            Volatile.Write(ref faults, value);
        }
    }

    /// <summary>A draw for fault injection; seeded so a run's fault pattern is repeatable for a given request order.</summary>
    public double NextFaultDraw()
    {
        lock (faultRandom)
        {
            return faultRandom.NextDouble();
        }
    }
}
