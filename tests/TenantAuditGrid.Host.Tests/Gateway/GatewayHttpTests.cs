using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>The gateway's HTTP contract beyond what the SDK exercises: error bodies, skip tokens, $select, exports, counts, security actions.</summary>
public abstract class GatewayHttpTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Host.Client;

    [Fact]
    public async Task Page_carries_context_count_tenantId_and_a_nextLink_with_skiptoken()
    {
        using var response = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$top=7&$count=true&$filter=category eq 'Policy'");
        var body = await ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal($"{fixture.Host.BaseAddress}graph/v1.0/$metadata#auditLogs/directoryAudits", body["@odata.context"]!.GetValue<string>());
        Assert.Equal(fixture.Events.Count(e => e.Payload["category"]!.GetValue<string>() == "Policy"), body["@odata.count"]!.GetValue<long>());
        var items = body["value"]!.AsArray();
        Assert.Equal(7, items.Count);
        Assert.All(items, item => Assert.Contains(item!["tenantId"]!.GetValue<string>(), fixture.Tenants));
        var nextLink = body["@odata.nextLink"]!.GetValue<string>();
        Assert.StartsWith($"{fixture.Host.BaseAddress}graph/v1.0/auditLogs/directoryAudits?", nextLink, StringComparison.Ordinal);
        Assert.Contains("skiptoken=", nextLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item_is_the_stored_payload_plus_tenantId()
    {
        var tenantId = fixture.Tenants[0];
        var stored = fixture.Events.First(e => e.TenantId == tenantId);
        using var response = await Http.GetAsync($"graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(stored.Id)}");
        var body = await ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(tenantId, body["tenantId"]!.GetValue<string>());
        body.Remove("tenantId");
        body.Remove("@odata.context");
        Assert.True(JsonNode.DeepEquals(stored.Payload, body), "the item differs from the stored Graph payload");
    }

    [Fact]
    public async Task Tampered_or_foreign_skiptoken_is_a_400_with_Graph_error_body()
    {
        using var first = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$top=3");
        var nextLink = (await ReadJsonAsync(first, HttpStatusCode.OK))["@odata.nextLink"]!.GetValue<string>();
        var token = Uri.UnescapeDataString(nextLink[(nextLink.IndexOf("skiptoken=", StringComparison.Ordinal) + 10)..]);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        using var forged = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits?$top=3&$skiptoken={Uri.EscapeDataString(tampered)}");
        await AssertGraphErrorAsync(forged, "skip token");

        using var otherQuery = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits?$top=4&$skiptoken={Uri.EscapeDataString(token)}");
        await AssertGraphErrorAsync(otherQuery, "different query");

        using var genuine = await Http.GetAsync(nextLink);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Theory]
    [InlineData("$top=0", "$top")]
    [InlineData("$top=1000", "$top")]
    [InlineData("$orderby=category", "$orderby")]
    [InlineData("$expand=initiatedBy", "$expand")]
    [InlineData("$filter=category gt 'A'", "'gt'")]
    [InlineData("$filter=contains(category, 'Role')", "contains")]
    [InlineData("$filter=initiatedBy/user/nickname eq 'x'", "nickname")]
    [InlineData("$filter=tenantId eq 'not-a-guid'", "tenant id")]
    [InlineData("$filter=category eq", "$filter")]
    [InlineData("$count=maybe", "$count")]
    [InlineData("$format=xml", "$format")]
    public async Task Unsupported_or_malformed_query_is_a_400_naming_the_problem(string query, string named)
    {
        using var response = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits?{query}");
        await AssertGraphErrorAsync(response, named);
    }

    [Fact]
    public async Task Select_narrows_items_to_the_selected_properties_and_tenantId()
    {
        using var response = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$select=id,category&$top=5");
        var body = await ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.EndsWith("#auditLogs/directoryAudits(id,category)", body["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(body["value"]!.AsArray(), item =>
            Assert.Equal(["category", "id", "tenantId"], item!.AsObject().Select(p => p.Key).Order()));
    }

    [Fact]
    public async Task Id_shared_by_two_tenants_is_ambiguous_across_tenants_but_found_per_tenant()
    {
        var shared = fixture.Events.GroupBy(e => e.Id).First(g => g.Count() > 1);
        using var across = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(shared.Key)}");
        await AssertGraphErrorAsync(across, "More than one tenant");

        foreach (var e in shared)
        {
            using var one = await Http.GetAsync($"graph/tenants/{e.TenantId}/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(e.Id)}");
            Assert.Equal(e.TenantId, (await ReadJsonAsync(one, HttpStatusCode.OK))["tenantId"]!.GetValue<string>());
        }

        using var missing = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits/Directory_nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Request_ResourceNotFound", (await ReadJsonAsync(missing, HttpStatusCode.NotFound))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ndjson_export_streams_every_match_with_tenantId()
    {
        const string filter = "loggedByService eq 'Core Directory'";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"graph/v1.0/auditLogs/directoryAudits?$filter={Uri.EscapeDataString(filter)}");
        request.Headers.Accept.ParseAdd("application/x-ndjson");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var keys = lines.Select(l => JsonNode.Parse(l)!).Select(n => (n["tenantId"]!.GetValue<string>(), n["id"]!.GetValue<string>())).Order().ToList();
        var expected = fixture.Events.Where(e => e.Payload["loggedByService"]?.GetValue<string>() == "Core Directory").Select(e => (e.TenantId, e.Id)).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task An_export_with_top_stops_at_top_newest_first_and_one_without_streams_past_the_page_size()
    {
        var newest = QueryDriver.Ordered(fixture.Events, SortDirection.Descending).Select(e => (e.TenantId, e.Id)).ToList();
        Assert.True(newest.Count > QueryOptions.DefaultTop);

        Assert.Equal(newest.Take(7), await ExportKeysAsync("graph/v1.0/auditLogs/directoryAudits?$format=ndjson&$top=7"));
        Assert.Equal(newest, await ExportKeysAsync("graph/v1.0/auditLogs/directoryAudits?$format=ndjson"));
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_flattened_row_per_match()
    {
        var tenantId = fixture.Tenants[3];
        using var response = await Http.GetAsync($"graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits?$format=csv&$orderby=activityDateTime asc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var records = CsvRecords(text);

        Assert.Equal("tenantId", records[0][0]);
        Assert.Equal("initiatedBy.user.userPrincipalName", records[0][11]);
        var expected = QueryDriver.Ordered(fixture.Events.Where(e => e.TenantId == tenantId), SortDirection.Ascending).ToList();
        Assert.Equal(expected.Count, records.Count - 1);
        Assert.Equal(expected.Select(e => e.Id).ToHashSet(), records.Skip(1).Select(r => r[1]).ToHashSet());
        var sample = expected.First(e => e.Payload["initiatedBy"]?["user"] is not null);
        var row = records.Single(r => r[1] == sample.Id);
        Assert.Equal(sample.Payload["initiatedBy"]!["user"]!["userPrincipalName"]!.GetValue<string>(), row[11]);
    }

    [Fact]
    public async Task Counts_by_tenant_and_category_per_day_match_the_events()
    {
        using var response = await Http.GetAsync("api/reports/directoryAudits/counts?groupBy=tenantId,category&interval=1d&$filter=result eq 'success'");
        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("1d", body["interval"]!.GetValue<string>());
        Assert.Equal(["tenantId", "category"], body["groupBy"]!.AsArray().Select(n => n!.GetValue<string>()));

        var actual = body["value"]!.AsArray().Select(r => (
            r!["bucket"]!.GetValue<DateTimeOffset>(), r["tenantId"]!.GetValue<string>(), r["category"]!.GetValue<string>(), r["count"]!.GetValue<long>()))
            .Order().ToList();
        var expected = fixture.Events.Where(e => e.Payload["result"]!.GetValue<string>() == "success")
            .GroupBy(e => (new DateTimeOffset(e.ActivityDateTime.UtcDateTime.Date, TimeSpan.Zero), e.TenantId, e.Payload["category"]!.GetValue<string>()))
            .Select(g => (g.Key.Item1, g.Key.TenantId, g.Key.Item3, (long)g.Count())).Order().ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Counts_for_one_tenant_count_only_that_tenants_events()
    {
        var tenant = fixture.Tenants[1];
        using var response = await Http.GetAsync($"api/reports/directoryAudits/counts?groupBy=tenantId,category&tenantId={tenant.ToUpperInvariant()}");
        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Null(body["interval"]);

        var actual = body["value"]!.AsArray().Select(r => (r!["tenantId"]!.GetValue<string>(), r["category"]!.GetValue<string>(), r["count"]!.GetValue<long>()))
            .Order().ToList();
        var expected = fixture.Events.Where(e => e.TenantId == tenant)
            .GroupBy(e => (e.TenantId, e.Payload["category"]!.GetValue<string>()))
            .Select(g => (g.Key.TenantId, g.Key.Item2, (long)g.Count())).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("groupBy=payload", "groupBy")]
    [InlineData("interval=5m", "interval")]
    [InlineData("$filter=nope eq 1", "$filter")]
    [InlineData("tenantId=contoso", "tenant id")]
    [InlineData("tenantId=00000000-0000-0000-0000-000000000000", "tenant id")]
    [InlineData("groupBy=tenantId&groupBy=category", "more than once")]
    [InlineData("top=5", "Supported: groupBy, interval, $filter, tenantId")]
    public async Task Counts_reject_bad_options_with_problem_details(string query, string named)
    {
        using var response = await Http.GetAsync($"api/reports/directoryAudits/counts?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(named, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_actions_are_listed_per_tenant_and_across_tenants_with_paging()
    {
        foreach (var (tenant, i) in fixture.Tenants.Select((t, i) => (t, i)))
        {
            for (var n = 0; n < 3; n++)
            {
                await fixture.Store.InsertSecurityActionAsync(tenant, $"action-{i}-{n}", new JsonObject
                {
                    ["id"] = $"action-{i}-{n}",
                    ["name"] = "BlockIp",
                    ["status"] = "notStarted",
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "IP", ["value"] = $"10.0.0.{n}" }),
                });
            }
        }

        var ids = new List<string>();
        string? next = "graph/beta/security/securityActions?$top=5&$count=true";
        while (next is not null)
        {
            using var page = await Http.GetAsync(next);
            var body = await ReadJsonAsync(page, HttpStatusCode.OK);
            Assert.Equal(12, body["@odata.count"]!.GetValue<long>());
            ids.AddRange(body["value"]!.AsArray().Select(a => $"{a!["tenantId"]}/{a["id"]}"));
            next = body["@odata.nextLink"]?.GetValue<string>();
        }

        Assert.Equal(12, ids.Distinct().Count());
        Assert.Equal(12, ids.Count);

        using var one = await Http.GetAsync($"graph/tenants/{fixture.Tenants[2]}/beta/security/securityActions/action-2-1");
        var action = await ReadJsonAsync(one, HttpStatusCode.OK);
        Assert.Equal("BlockIp", action["name"]!.GetValue<string>());
        Assert.Equal(fixture.Tenants[2], action["tenantId"]!.GetValue<string>());

        using var elsewhere = await Http.GetAsync($"graph/tenants/{fixture.Tenants[1]}/beta/security/securityActions/action-2-1");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    /// <summary>(tenantId, id) of each NDJSON line, in the order streamed.</summary>
    private async Task<List<(string, string)>> ExportKeysAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonNode.Parse(l)!).Select(n => (n["tenantId"]!.GetValue<string>(), n["id"]!.GetValue<string>())).ToList();
    }

    internal static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    internal static async Task AssertGraphErrorAsync(HttpResponseMessage response, string named)
    {
        var body = await ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("BadRequest", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains(named, body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["error"]!["innerError"]!["request-id"]);
    }

    // A minimal RFC 4180 reader for the test's own check (quoted cells, doubled quotes, CRLF records).
    private static List<List<string>> CsvRecords(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(cell.ToString()); cell.Clear(); records.Add(record); record = []; i++;
            }
            else { cell.Append(c); }
        }

        return records;
    }
}

public sealed class PostgresGatewayHttpTests(PostgresGatewayFixture fixture) : GatewayHttpTests(fixture), IClassFixture<PostgresGatewayFixture>;

public sealed class SqliteGatewayHttpTests(SqliteGatewayFixture fixture) : GatewayHttpTests(fixture), IClassFixture<SqliteGatewayFixture>;
