using System.Globalization;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>
/// Aggregations (/api/reports/directoryAudits/counts) give exactly the counts an independent in-memory grouping of the same events
/// gives, whether the plan reads the rollups, the raw table, or both; time bounds fall inside hours, on hour and day boundaries,
/// and outside the data.
/// </summary>
public abstract class AggregationAgreementTests(SeededStoreFixture fixture)
{
    [Fact]
    public async Task Seeded_random_aggregations_agree_with_in_memory_grouping_and_exercise_every_plan()
    {
        var random = new Random(6161);
        var disagreements = new List<string>();
        int rollupPlans = 0, dailyPlans = 0, rawPlans = 0;
        for (var i = 0; i < 150; i++)
        {
            var groupBy = AuditQueryParser.GroupableProperties.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).ToList();
            var interval = Pick(random, null, "15m", "1h", "1d", "1d");
            var filter = RandomFilter(random);
            var query = Parsers.Postgres.ParseCounts(string.Join(',', groupBy), interval, filter, null);
            var plan = AuditCountsPlan.For(query);
            rollupPlans += plan.Segments.Any(s => s.Rollup is not null) ? 1 : 0;
            dailyPlans += plan.Segments.Any(s => s.Rollup?.Width == TimeSpan.FromDays(1)) ? 1 : 0;
            rawPlans += plan.Segments.All(s => s.Rollup is null) ? 1 : 0;

            var expected = InMemoryCounts.Expected(fixture.Events, query.Filter, query.GroupBy, query.Interval);
            var actual = InMemoryCounts.Describe(await ReadAsync(query));
            if (!expected.SequenceEqual(actual))
            {
                disagreements.Add($"groupBy={string.Join(',', groupBy)} interval={interval} $filter={filter}: expected {expected.Count} groups, got {actual.Count}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.True(rollupPlans > 40 && dailyPlans > 10 && rawPlans > 20, $"plans: {rollupPlans} with rollups ({dailyPlans} daily), {rawPlans} raw only");
    }

    [Fact]
    public async Task Seven_day_tenants_by_categories_per_day_from_mid_hour_is_exact_and_uses_the_category_rollups()
    {
        var start = fixture.Events.Min(e => e.ActivityDateTime).AddDays(3).AddMinutes(37).AddSeconds(11);
        var filter = $"activityDateTime ge {start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} and activityDateTime lt {start.AddDays(7).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        var query = Parsers.Postgres.ParseCounts("tenantId,category", "1d", filter, null);

        var plan = AuditCountsPlan.For(query);
        var actual = InMemoryCounts.Describe(await ReadAsync(query));

        Assert.Contains(plan.Segments, s => s.Rollup == AuditCountRollup.CategoryDaily);
        Assert.Contains(plan.Segments, s => s.Rollup == AuditCountRollup.CategoryHourly);
        Assert.Contains(plan.Segments, s => s.Rollup is null);
        Assert.DoesNotContain(plan.Segments, s => s.Rollup == AuditCountRollup.Daily || s.Rollup == AuditCountRollup.Hourly);
        Assert.Equal(InMemoryCounts.Expected(fixture.Events, query.Filter, query.GroupBy, query.Interval), actual);
    }

    [Theory]
    [InlineData("tenantId,category", "02:37:11", "21:05:00", true)]
    [InlineData("tenantId,category", "21:37:11", "02:05:00", false)]
    [InlineData("tenantId,result", "02:37:11", "21:05:00", true)]
    [InlineData("category", "21:37:11", "02:05:00", false)]
    public async Task Partial_days_at_the_edges_are_exact_whether_summed_by_hour_or_taken_out_of_the_whole_day(
        string groupBy, string fromTime, string toTime, bool mostHoursOfTheEdgeDaysInside)
    {
        var day = AuditEventGenerator.Epoch.UtcDateTime.Date;
        var from = day.AddDays(2) + TimeSpan.Parse(fromTime, CultureInfo.InvariantCulture);
        var to = day.AddDays(9) + TimeSpan.Parse(toTime, CultureInfo.InvariantCulture);
        var filter = $"activityDateTime gt {from:yyyy-MM-dd'T'HH:mm:ss'Z'} and activityDateTime le {to:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        var query = Parsers.Postgres.ParseCounts(groupBy, "1d", filter, null);

        var plan = AuditCountsPlan.For(query);
        var actual = InMemoryCounts.Describe(await ReadAsync(query));

        // Whole days from a daily rollup either way; at most 12 hourly buckets per edge (the other side of the day when that is fewer).
        Assert.Contains(plan.Segments, s => s.Rollup?.Width == TimeSpan.FromDays(1));
        Assert.Equal(mostHoursOfTheEdgeDaysInside ? 2 : 0, plan.Segments.Count(s => s.Negated));
        Assert.All(plan.Segments.Where(s => s.Rollup?.Width == TimeSpan.FromHours(1)), s => Assert.True(s.To - s.From <= TimeSpan.FromHours(12)));
        Assert.Equal(InMemoryCounts.Expected(fixture.Events, query.Filter, query.GroupBy, query.Interval), actual);
    }

    private async Task<List<AuditCountRow>> ReadAsync(AuditCountsQuery query)
    {
        var rows = new List<AuditCountRow>();
        await foreach (var row in fixture.Service.CountByAsync(query, TenantScope.AllTenants, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private string? RandomFilter(Random random)
    {
        var conjuncts = new List<string>();
        var events = fixture.Events;
        string Time(DateTimeOffset t) => random.Next(3) switch
        {
            0 => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:00:00'Z'", CultureInfo.InvariantCulture),
            _ => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };

        if (random.Next(4) > 0)
        {
            conjuncts.Add($"activityDateTime {Pick(random, "ge", "gt")} {Time(events[random.Next(events.Count)].ActivityDateTime.AddDays(-random.Next(3)))}");
        }

        if (random.Next(2) == 0)
        {
            conjuncts.Add($"activityDateTime {Pick(random, "le", "lt")} {Time(events[random.Next(events.Count)].ActivityDateTime.AddDays(random.Next(4)))}");
        }

        var dimension = random.Next(9);
        conjuncts.Add(dimension switch
        {
            0 => $"category eq '{Pick(random, AuditEventGenerator.Categories)!.ToUpperInvariant()}'",
            1 => $"result ne '{Pick(random, AuditEventGenerator.Results)}'",
            2 => $"tenantId in ('{fixture.Tenants[0]}', '{fixture.Tenants[random.Next(fixture.Tenants.Count)]}')",
            3 => $"(startswith(activityDisplayName, 'add') or loggedByService eq null)",
            4 => "initiatedBy/user/userPrincipalName ne null",
            5 => "targetResources/any(t: t/type eq 'User')",
            6 => "not (activityDateTime lt 2026-11-10) or category eq 'Policy'",
            _ => "",
        });
        var text = string.Join(" and ", conjuncts.Where(c => c.Length > 0));
        return text.Length == 0 ? null : text;
    }

    private static string? Pick(Random random, params string?[] values) => values[random.Next(values.Length)];
}

public sealed class PostgresAggregationAgreementTests(PostgresSeededStoreFixture fixture)
    : AggregationAgreementTests(fixture), IClassFixture<PostgresSeededStoreFixture>;

public sealed class SqliteAggregationAgreementTests(SqliteSeededStoreFixture fixture)
    : AggregationAgreementTests(fixture), IClassFixture<SqliteSeededStoreFixture>;
