using TenantAuditGrid.Grains.Sync;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Grains.Tests.Sync;

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
        var shape = new SliceShape(TimeSpan.FromHours(6), 200).AfterPage(events: 75, sliceComplete: true, options);

        Assert.Equal(TimeSpan.FromHours(12), shape.Width);
        Assert.Equal(400, shape.Top);
    }

    [Fact]
    public void A_slice_ending_less_than_three_quarters_full_grows_in_proportion_up_to_the_growth_limit()
    {
        var quarterFull = new SliceShape(TimeSpan.FromHours(6), 1000).AfterPage(events: 250, sliceComplete: true, options);
        var fullEnough = new SliceShape(TimeSpan.FromHours(6), 1000).AfterPage(events: 800, sliceComplete: true, options);
        var nearlyEmpty = new SliceShape(TimeSpan.FromHours(6), 1000).AfterPage(events: 3, sliceComplete: true, options);

        Assert.Equal(TimeSpan.FromHours(18), quarterFull.Width);
        Assert.Equal(TimeSpan.FromHours(6), fullEnough.Width);
        Assert.Equal(TimeSpan.FromHours(6 * SliceShape.MaxGrowth), nearlyEmpty.Width);
    }

    [Fact]
    public void A_slice_with_more_pages_to_come_keeps_its_width()
    {
        var shape = new SliceShape(TimeSpan.FromHours(6), AuditWindowQuery.MaxTop).AfterPage(events: 12, sliceComplete: false, options);

        Assert.Equal(TimeSpan.FromHours(6), shape.Width);
    }

    [Fact]
    public void Sparse_history_narrowed_by_server_errors_is_back_to_full_pages_within_a_few_slices()
    {
        // 2,000 events over 30 days, read newest first after 504s narrowed the slice to six hours.
        const double eventsPerHour = 2000.0 / (30 * 24);
        var shape = new SliceShape(TimeSpan.FromHours(6), AuditWindowQuery.MaxTop);
        var slices = 0;
        while (shape.Width.TotalHours * eventsPerHour < 0.75 * shape.Top && slices < 10)
        {
            shape = shape.AfterPage((int)(shape.Width.TotalHours * eventsPerHour), sliceComplete: true, options);
            slices++;
        }

        Assert.InRange(slices, 1, 3);
    }

    [Fact]
    public void Widening_stops_at_the_maximum_width()
    {
        var shape = new SliceShape(options.MaxSliceWidth, AuditWindowQuery.MaxTop).AfterPage(0, sliceComplete: true, options);

        Assert.Equal(options.MaxSliceWidth, shape.Width);
    }

    [Fact]
    public void The_first_slice_spans_the_whole_retention_window()
    {
        Assert.True(SliceShape.Initial(options).Width >= TimeSpan.FromDays(30));
    }
}
