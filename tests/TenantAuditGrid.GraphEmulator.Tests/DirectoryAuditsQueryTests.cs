using Microsoft.Graph;
using Microsoft.Graph.Models;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>A tenant read end to end with the official Graph SDK, shared by the read-only query tests.</summary>
public sealed class ReadTenantFixture : IAsyncLifetime
{
    public GraphEmulatorServer Server { get; private set; } = null!;

    public Guid TenantId { get; private set; }

    public GraphServiceClient Graph { get; private set; } = null!;

    /// <summary>Every event of the tenant as the SDK's PageIterator delivered it, newest first.</summary>
    public List<DirectoryAudit> All { get; } = [];

    public int Pages { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options());
        TenantId = Server.Control.Tenants()[0].Id;
        Graph = EmulatorClients.GraphClient(Server, EmulatorClients.SharedAppCredential(Server, TenantId));
        var first = await Graph.AuditLogs.DirectoryAudits.GetAsync(r => r.QueryParameters.Top = 37);
        Pages = 1;
        var iterator = PageIterator<DirectoryAudit, DirectoryAuditCollectionResponse>.CreatePageIterator(
            Graph,
            first!,
            item =>
            {
                All.Add(item);
                return true;
            },
            request =>
            {
                Pages++;
                return request;
            });
        await iterator.IterateAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class DirectoryAuditsQueryTests(ReadTenantFixture fixture) : IClassFixture<ReadTenantFixture>
{
    private List<DirectoryAudit> All => fixture.All;

    [Fact]
    public void Page_iterator_reads_exactly_the_ground_truth_newest_first()
    {
        var truth = fixture.Server.Control.VisibleAuditEvents(fixture.TenantId);

        Assert.True(truth.Count > 150, $"expected a week of events, got {truth.Count}");
        Assert.True(fixture.Pages > 3);
        Assert.Equal(truth.Ids, All.Select(e => e.Id));
        Assert.Equal(All.OrderByDescending(e => e.ActivityDateTime).Select(e => e.Id), All.Select(e => e.Id));
    }

    [Fact]
    public void Events_have_the_full_directoryAudit_shape()
    {
        Assert.All(All, e =>
        {
            Assert.NotNull(e.ActivityDateTime);
            Assert.False(string.IsNullOrEmpty(e.ActivityDisplayName));
            Assert.False(string.IsNullOrEmpty(e.Category));
            Assert.False(string.IsNullOrEmpty(e.CorrelationId));
            Assert.False(string.IsNullOrEmpty(e.LoggedByService));
            Assert.NotNull(e.Result);
            Assert.True((e.InitiatedBy?.User is null) != (e.InitiatedBy?.App is null), "exactly one initiator");
            Assert.NotNull(e.TargetResources);
            Assert.NotNull(e.AdditionalDetails);
        });
        var withJsonValues = All.SelectMany(e => e.TargetResources!).SelectMany(t => t.ModifiedProperties!).Where(p => p.NewValue is { Length: > 0 });
        Assert.Contains(withJsonValues, p => p.NewValue!.StartsWith('[') || p.NewValue.StartsWith('"'));
        Assert.Contains(All, e => e.Id!.StartsWith("Directory_", StringComparison.Ordinal));
        Assert.Contains(All, e => e.LoggedByService == "B2C" && e.Id!.StartsWith("B2C_", StringComparison.Ordinal));
        Assert.Contains(All, e => e.TargetResources!.Any(t => t.GroupType is not null));
    }

    [Fact]
    public async Task Example_filter_initiatedBy_user_id()
    {
        var userId = All.First(e => e.InitiatedBy?.User is not null).InitiatedBy!.User!.Id!;
        await AssertFilterAsync($"initiatedBy/user/id eq '{userId}'", e => e.InitiatedBy?.User?.Id == userId);
    }

    [Fact]
    public async Task Example_filter_loggedByService_and_activityDateTime_gt()
    {
        var b2c = All.Where(e => e.LoggedByService == "B2C").OrderBy(e => e.ActivityDateTime).ToList();
        Assert.True(b2c.Count >= 2, "the tenant needs B2C events for this example");
        var after = b2c[b2c.Count / 2].ActivityDateTime!.Value;
        await AssertFilterAsync(
            $"loggedByService eq 'B2C' and activityDateTime gt {after.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}",
            e => e.LoggedByService == "B2C" && e.ActivityDateTime > after);
    }

    [Fact]
    public async Task Example_filter_activityDisplayName_eq() =>
        await AssertFilterAsync("activityDisplayName eq 'Add service principal'", e => e.ActivityDisplayName == "Add service principal", expectSome: true);

    [Fact]
    public async Task Example_filter_activityDateTime_le_a_date()
    {
        var cut = new DateTimeOffset(FrozenEmulator.Start.Date.AddDays(-3), TimeSpan.Zero);
        await AssertFilterAsync($"activityDateTime le {cut:yyyy-MM-dd}", e => e.ActivityDateTime <= cut, expectSome: true);
    }

    [Fact]
    public async Task Example_filter_category_with_orderby_desc()
    {
        var found = await QueryAsync("category eq 'RoleManagement'", orderBy: "activityDateTime desc");
        Assert.Equal(All.Where(e => e.Category == "RoleManagement").Select(e => e.Id), found.Select(e => e.Id));
        Assert.NotEmpty(found);
    }

    [Fact]
    public async Task Orderby_asc_returns_oldest_first()
    {
        var found = await QueryAsync("category eq 'GroupManagement'", orderBy: "activityDateTime asc");
        Assert.Equal(All.Where(e => e.Category == "GroupManagement").Reverse().Select(e => e.Id), found.Select(e => e.Id));
    }

    [Fact]
    public async Task Lambda_filters_on_targetResources()
    {
        var target = All.SelectMany(e => e.TargetResources!).First(t => t.Type == "Group");
        await AssertFilterAsync($"targetResources/any(t: t/id eq '{target.Id}')", e => e.TargetResources!.Any(t => t.Id == target.Id), expectSome: true);
        await AssertFilterAsync($"targetResources/any(t:t/displayName eq '{target.DisplayName}')", e => e.TargetResources!.Any(t => t.DisplayName == target.DisplayName), expectSome: true);
        await AssertFilterAsync("targetResources/any(x: startswith(x/displayName, 'DESKTOP-'))", e => e.TargetResources!.Any(t => t.DisplayName?.StartsWith("DESKTOP-", StringComparison.OrdinalIgnoreCase) == true), expectSome: true);
    }

    [Fact]
    public async Task Initiator_paths_startswith_not_or_ne_and_parentheses()
    {
        var upn = All.First(e => e.InitiatedBy?.User is not null).InitiatedBy!.User!.UserPrincipalName!;
        var prefix = upn[..upn.IndexOf('.', StringComparison.Ordinal)];
        await AssertFilterAsync($"startswith(initiatedBy/user/userPrincipalName, '{prefix}')", e => e.InitiatedBy?.User?.UserPrincipalName?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true, expectSome: true);
        await AssertFilterAsync("initiatedBy/app/displayName eq 'MS-PIM'", e => e.InitiatedBy?.App?.DisplayName == "MS-PIM", expectSome: true);
        await AssertFilterAsync(
            "(category eq 'Device' or category eq 'Policy') and not (result eq 'success')",
            e => (e.Category == "Device" || e.Category == "Policy") && e.Result != OperationResult.Success);
        await AssertFilterAsync("result ne 'success' and operationType eq 'Update'", e => e.Result != OperationResult.Success && e.OperationType == "Update");
        await AssertFilterAsync("startswith(activityDisplayName, 'Add member')", e => e.ActivityDisplayName!.StartsWith("Add member", StringComparison.Ordinal), expectSome: true);
    }

    [Fact]
    public async Task Get_by_id_returns_the_same_event()
    {
        var expected = All[All.Count / 2];
        var found = await fixture.Graph.AuditLogs.DirectoryAudits[expected.Id].GetAsync();

        Assert.Equal(expected.Id, found!.Id);
        Assert.Equal(expected.ActivityDateTime, found.ActivityDateTime);
        Assert.Equal(expected.TargetResources!.Count, found.TargetResources!.Count);
    }

    [Theory]
    [InlineData("category eq", "BadRequest")]
    [InlineData("nosuchproperty eq 'x'", "BadRequest")]
    [InlineData("length(category) eq 3", "Request_UnsupportedQuery")]
    public async Task Bad_filter_is_a_400_with_graphs_error_body(string filter, string code)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() => QueryAsync(filter));
        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal(code, error.Error!.Code);
    }

    [Fact]
    public async Task Top_above_999_is_refused()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() =>
            fixture.Graph.AuditLogs.DirectoryAudits.GetAsync(r => r.QueryParameters.Top = 1000));
        Assert.Equal(400, error.ResponseStatusCode);
    }

    private async Task AssertFilterAsync(string filter, Func<DirectoryAudit, bool> expected, bool expectSome = false)
    {
        var wanted = All.Where(expected).Select(e => e.Id).ToList();
        var found = await QueryAsync(filter);
        Assert.Equal(wanted, found.Select(e => e.Id));
        if (expectSome)
        {
            Assert.NotEmpty(wanted);
        }
    }

    private async Task<List<DirectoryAudit>> QueryAsync(string filter, string? orderBy = null)
    {
        var page = await fixture.Graph.AuditLogs.DirectoryAudits.GetAsync(r =>
        {
            r.QueryParameters.Filter = filter;
            r.QueryParameters.Top = 50;
            if (orderBy is not null)
            {
                r.QueryParameters.Orderby = [orderBy];
            }
        });
        var found = new List<DirectoryAudit>();
        await PageIterator<DirectoryAudit, DirectoryAuditCollectionResponse>.CreatePageIterator(fixture.Graph, page!, e =>
        {
            found.Add(e);
            return true;
        }).IterateAsync();
        return found;
    }
}
