using System.Net;
using Microsoft.Extensions.Time.Testing;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class TimeScaleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scaled_clock_runs_n_times_faster_than_its_wall_clock_and_only_moves_forward()
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clock = new ScaledTimeProvider(wall, Start, scale: 10);

        wall.Advance(TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start + TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(1), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), clock.GetElapsedTime(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Timers_on_the_scaled_clock_fire_after_the_scaled_wall_time()
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var clock = new ScaledTimeProvider(wall, Start, scale: 10);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, fired);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task Throttle_window_is_ten_emulated_seconds_so_one_wall_second_at_times_ten()
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await GraphEmulatorServer.StartAsync(new EmulatorOptions
        {
            TenantCount = 1,
            Seed = 3,
            StartTime = Start,
            TimeScale = 10,
            WallClock = wall,
            Activity = { MeanEventsPerDay = 20 },
        });
        using var graph = await GraphRaw.ForAsync(server, server.Control.Tenants()[0].Id);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        wall.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        Assert.Equal(Start + TimeSpan.FromSeconds(10), server.Clock.GetUtcNow());
    }
}
