using Microsoft.Extensions.Time.Testing;
using TenantAuditGrid.Grains.Budget;

namespace TenantAuditGrid.Grains.Tests.Budget;

public sealed class SegmentPacerTests
{
    private static readonly TimeSpan Segment = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Every_segment_gets_the_floor_or_ceiling_of_its_even_share_and_any_window_of_segments_gets_exactly_the_limit()
    {
        // Graph's app limit over the default accounting window: 122 permits over 42 segments of 250 ms, 2.9 a segment.
        var pacer = new SegmentPacer(122, Segment, 42, clock);
        var perSegment = new List<int>();
        for (var i = 0; i < 42 * 3; i++)
        {
            perSegment.Add(pacer.TryTake(int.MaxValue));
            clock.Advance(Segment);
        }

        Assert.All(perSegment, n => Assert.InRange(n, 2, 3));
        for (var start = 0; start + 42 <= perSegment.Count; start++)
        {
            Assert.Equal(122, perSegment.Skip(start).Take(42).Sum());
        }
    }

    [Fact]
    public void A_segment_hands_out_its_allowance_once_however_often_it_is_asked()
    {
        var pacer = new SegmentPacer(122, Segment, 42, clock);
        Assert.Equal(2, pacer.TryTake(int.MaxValue)); // segment 0: floor(122 / 42)
        clock.Advance(Segment); // segment 1: floor(2 × 122 / 42) − floor(122 / 42) = 5 − 2 = 3

        var first = pacer.TryTake(2);
        var second = pacer.TryTake(5);
        var third = pacer.TryTake(5);
        clock.Advance(Segment - TimeSpan.FromTicks(1));
        var stillSameSegment = pacer.TryTake(5);

        Assert.Equal((2, 1, 0, 0), (first, second, third, stillSameSegment));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromTicks(1), pacer.NextSegment);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_caller_that_asks_only_every_few_segments_still_gets_the_whole_limit(int everyNthSegment)
    {
        var pacer = new SegmentPacer(122, Segment, 42, clock);
        pacer.TryTake(int.MaxValue);
        var taken = 0;
        for (var i = 1; i <= 42 * 2; i++)
        {
            clock.Advance(Segment);
            if (i % everyNthSegment == 0)
            {
                taken += pacer.TryTake(int.MaxValue);
            }
        }

        // Segments 1 to 84: every stride divides 84, so the last ask is in segment 84, and nothing up to CarrySegments segments old is lost.
        Assert.Equal((85 * 122 / 42) - (122 / 42), taken);
    }

    [Fact]
    public void An_idle_spell_builds_up_only_a_few_segments_worth()
    {
        var pacer = new SegmentPacer(122, Segment, 42, clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var burst = pacer.TryTake(int.MaxValue);

        Assert.InRange(burst, SegmentPacer.CarrySegments * 2, SegmentPacer.CarrySegments * 3);
        Assert.Equal(0, pacer.Available);
    }

    [Fact]
    public void A_limit_below_one_per_segment_still_adds_up_to_the_limit_per_window()
    {
        var pacer = new SegmentPacer(5, Segment, 42, clock);
        var perSegment = new List<int>();
        for (var i = 0; i < 84; i++)
        {
            perSegment.Add(pacer.TryTake(int.MaxValue));
            clock.Advance(Segment);
        }

        Assert.All(perSegment, n => Assert.InRange(n, 0, 1));
        Assert.Equal(5, perSegment.Take(42).Sum());
        Assert.Equal(5, perSegment.Skip(42).Sum());
    }
}
