using Microsoft.Extensions.Time.Testing;
using TenantAuditGrid.Grains.Budget;

namespace TenantAuditGrid.Grains.Tests.Budget;

public sealed class AdaptiveAppLimitTests
{
    private static readonly TimeSpan AccountingWindow = TimeSpan.FromSeconds(10.5);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_app_wide_429_lowers_the_limit_by_a_tenth_and_a_burst_of_them_within_one_window_lowers_it_once()
    {
        var limit = new AdaptiveAppLimit(122, AccountingWindow, clock);

        var first = limit.Throttled();
        clock.Advance(TimeSpan.FromSeconds(1));
        var sameBurst = limit.Throttled();
        var afterFirst = limit.Current;
        clock.Advance(AccountingWindow);
        var nextStall = limit.Throttled();

        Assert.True(first);
        Assert.False(sameBurst);
        Assert.Equal(109, afterFirst); // ⌊122 × 0.9⌋
        Assert.True(nextStall);
        Assert.Equal(98, limit.Current); // ⌊109 × 0.9⌋
    }

    [Fact]
    public void The_limit_climbs_back_two_permits_per_quiet_window_and_never_above_the_configured_one()
    {
        var limit = new AdaptiveAppLimit(122, AccountingWindow, clock);
        limit.Throttled();

        var tooSoon = limit.Recover();
        var levels = new List<int>();
        while (limit.Current < 122)
        {
            clock.Advance(AccountingWindow);
            Assert.True(limit.Recover());
            levels.Add(limit.Current);
        }

        clock.Advance(AccountingWindow);
        var atTheTop = limit.Recover();

        Assert.False(tooSoon);
        Assert.Equal([111, 113, 115, 117, 119, 121, 122], levels);
        Assert.False(atTheTop);
        Assert.Equal(122, limit.Current);
    }

    [Fact]
    public void A_429_right_after_a_step_up_lowers_the_limit_again()
    {
        var limit = new AdaptiveAppLimit(122, AccountingWindow, clock);
        limit.Throttled();
        clock.Advance(AccountingWindow);
        limit.Recover();

        Assert.Equal(111, limit.Current);
        Assert.True(limit.Throttled());
        Assert.Equal(99, limit.Current);
    }

    [Fact]
    public void Repeated_429s_stop_at_half_the_configured_limit()
    {
        var limit = new AdaptiveAppLimit(122, AccountingWindow, clock);
        for (var i = 0; i < 20; i++)
        {
            limit.Throttled();
            clock.Advance(AccountingWindow);
        }

        Assert.Equal(61, limit.Current);
        Assert.False(limit.Throttled());
    }
}
