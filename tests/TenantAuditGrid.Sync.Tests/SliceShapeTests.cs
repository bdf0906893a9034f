using TenantAuditGrid.Grains.Sync;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Sync.Tests;

public sealed class SliceShapeTests
{
    private readonly SyncOptions options = new();

    [Fact]
    public void Server_errors_narrow_the_slice_and_lower_top()
    {
        var shape = new SliceShape(TimeSpan.FromHours(6), AuditWindowQuery.MaxTop).AfterServerErrors(options);

        Assert.Equal(TimeSpan.FromHours(3), shape.Width);
        Assert.True(shape.Top < AuditWindowQuery.MaxTop);
    }

    [Fact]
    public void Repeated_server_errors_stop_at_the_minimum_width_and_top()
    {
        var shape = SliceShape.Initial(options);
        for (var i = 0; i < 40; i++)
        {
            shape = shape.AfterServerErrors(options);
        }

        Assert.Equal(options.MinSliceWidth, shape.Width);
        Assert.Equal(SliceShape.MinTop, shape.Top);
    }

    [Fact]
    public void A_sparse_slice_widens_and_top_recovers()
    {
        var shape = new SliceShape(TimeSpan.FromHours(6), 200).AfterSuccess(events: 75, pages: 1, options);

        Assert.Equal(TimeSpan.FromHours(12), shape.Width);
        Assert.Equal(400, shape.Top);
    }

    [Fact]
    public void A_slice_less_than_three_quarters_full_grows_in_proportion_up_to_the_growth_limit()
    {
        var quarterFull = new SliceShape(TimeSpan.FromHours(6), 1000).AfterSuccess(events: 250, pages: 1, options);
        var fullEnough = new SliceShape(TimeSpan.FromHours(6), 1000).AfterSuccess(events: 800, pages: 1, options);
        var nearlyEmpty = new SliceShape(TimeSpan.FromHours(6), 1000).AfterSuccess(events: 3, pages: 1, options);

        Assert.Equal(TimeSpan.FromHours(18), quarterFull.Width);
        Assert.Equal(TimeSpan.FromHours(6), fullEnough.Width);
        Assert.Equal(TimeSpan.FromHours(6 * SliceShape.MaxGrowth), nearlyEmpty.Width);
    }

    [Fact]
    public void A_sparse_month_is_covered_by_a_few_slices()
    {
        // 2,000 events over 30 days, read newest first from a 6-hour first slice.
        const double eventsPerHour = 2000.0 / (30 * 24);
        var shape = SliceShape.Initial(options);
        var covered = TimeSpan.Zero;
        var slices = 0;
        while (covered < TimeSpan.FromDays(30))
        {
            var events = (int)(shape.Width.TotalHours * eventsPerHour);
            covered += shape.Width;
            slices++;
            shape = shape.AfterSuccess(events, pages: 1 + (events / shape.Top), options);
        }

        Assert.InRange(slices, 1, 5);
    }

    [Fact]
    public void A_slice_that_needed_many_pages_narrows()
    {
        var shape = new SliceShape(TimeSpan.FromHours(6), AuditWindowQuery.MaxTop).AfterSuccess(events: 6000, pages: 7, options);

        Assert.Equal(TimeSpan.FromHours(3), shape.Width);
    }

    [Fact]
    public void Widening_stops_at_the_maximum_width()
    {
        var shape = new SliceShape(options.MaxSliceWidth, AuditWindowQuery.MaxTop).AfterSuccess(0, 1, options);

        Assert.Equal(options.MaxSliceWidth, shape.Width);
    }
}
