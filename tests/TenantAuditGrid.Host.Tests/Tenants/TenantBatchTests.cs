using System.Net;
using System.Text;

namespace TenantAuditGrid.Host.Tests.Tenants;

[Collection(EmulatedHostCollection.Name)]
public sealed class TenantBatchTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task A_thousand_tenants_onboard_in_one_batch_and_page_back_from_the_list()
    {
        var tag = "batch-" + Guid.NewGuid().ToString("N")[..8];
        var tenants = Enumerable.Range(0, 1000).Select(i => new { tenantId = Guid.NewGuid(), displayName = $"Customer {i}", tags = new[] { tag } }).ToList();

        var (response, result) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants:batch", tenants);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, result.GetProperty("created").GetInt32());
        var listed = new HashSet<string>();
        string? pageToken = null;
        do
        {
            var (_, page) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants?tag={tag}&pageSize=300" + (pageToken is null ? "" : $"&pageToken={pageToken}"));
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                Assert.True(listed.Add(row.GetProperty("tenantId").GetString()!), "a tenant was listed twice");
            }

            pageToken = page.GetProperty("nextPageToken").GetString();
        }
        while (pageToken is not null);

        Assert.Equal(tenants.Select(t => t.tenantId.ToString("D")).ToHashSet(), listed);
    }

    [Fact]
    public async Task Csv_batch_reports_each_row_and_onboards_only_the_good_ones()
    {
        var good = fixture.NewTenant();
        var csv = $"""
            tenantId,displayName,tags,sources
            {good.Id},Good row,csv;east,directoryAudits
            not-a-guid,Bad row,csv,directoryAudits
            {good.Id},Duplicate row,csv,directoryAudits
            """;
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var (response, result) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants:batch", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statuses = result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["created", "invalid", "invalid"], statuses);
        var (get, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{good.Id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
