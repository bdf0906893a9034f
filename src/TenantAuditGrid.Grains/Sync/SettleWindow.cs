namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// How far back each incremental poll re-reads, so events that reach Graph late are still picked up. It follows the worst delay measured
/// for this tenant recently, with headroom, and never exceeds the configured maximum; until anything has been measured it is the maximum,
/// because guessing short is what loses events.
/// </summary>
public static class SettleWindow
{
    /// <summary>Samples beyond this many are forgotten oldest first, so one freak delay does not widen every poll forever.</summary>
    public const int MaxSamples = 256;

    /// <summary>Headroom on the worst measured delay: a tail only slightly longer than anything seen must still be caught.</summary>
    public const double Headroom = 1.5;

    public static TimeSpan Current(IReadOnlyCollection<TimeSpan> delays, int minimumSamples, TimeSpan minimum, TimeSpan maximum)
    {
        if (delays.Count < minimumSamples)
        {
            return maximum;
        }

        var widened = delays.Max() * Headroom;
        return widened < minimum ? minimum : widened > maximum ? maximum : widened;
    }

    public static void Record(List<TimeSpan> delays, TimeSpan delay)
    {
        delays.Add(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        if (delays.Count > MaxSamples)
        {
            delays.RemoveRange(0, delays.Count - MaxSamples);
        }
    }
}
