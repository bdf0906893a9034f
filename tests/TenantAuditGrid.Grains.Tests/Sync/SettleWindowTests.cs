using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Sync;

public sealed class SettleWindowTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Max = TimeSpan.FromHours(2);

    [Fact]
    public void Until_enough_delays_are_measured_the_window_is_the_maximum()
    {
        var delays = Enumerable.Repeat(TimeSpan.FromMinutes(1), 19).ToList();

        Assert.Equal(Max, SettleWindow.Current(delays, minimumSamples: 20, Min, Max));
    }

    [Fact]
    public void The_window_follows_the_worst_measured_delay_with_headroom()
    {
        var delays = Enumerable.Repeat(TimeSpan.FromMinutes(2), 30).Append(TimeSpan.FromMinutes(20)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(30), SettleWindow.Current(delays, 20, Min, Max));
    }

    [Fact]
    public void The_window_stays_within_its_bounds()
    {
        var small = Enumerable.Repeat(TimeSpan.FromSeconds(30), 30).ToList();
        var huge = small.Append(TimeSpan.FromHours(5)).ToList();

        Assert.Equal(Min, SettleWindow.Current(small, 20, Min, Max));
        Assert.Equal(Max, SettleWindow.Current(huge, 20, Min, Max));
    }

    [Fact]
    public void Old_samples_are_forgotten_so_one_freak_delay_does_not_widen_polls_forever()
    {
        var delays = new List<TimeSpan>();
        SettleWindow.Record(delays, TimeSpan.FromHours(1));
        for (var i = 0; i < SettleWindow.MaxSamples; i++)
        {
            SettleWindow.Record(delays, TimeSpan.FromMinutes(8));
        }

        Assert.Equal(SettleWindow.MaxSamples, delays.Count);
        Assert.Equal(TimeSpan.FromMinutes(12), SettleWindow.Current(delays, 20, Min, Max));
    }
}
