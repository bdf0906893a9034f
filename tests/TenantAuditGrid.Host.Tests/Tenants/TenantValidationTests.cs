using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>Bad input gets a 400 naming the field, and nothing is stored.</summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class TenantValidationTests(EmulatedHostFixture fixture)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"tenantId":"not-a-guid","displayName":"x"}""", "tenantId" },
        { """{"tenantId":"00000000-0000-0000-0000-000000000000","displayName":"x"}""", "tenantId" },
        { """{"tenantId":"%ID%","displayName":""}""", "displayName" },
        { """{"tenantId":"%ID%","displayName":"x","credential":{"type":"clientSecret","clientId":"11111111-1111-1111-1111-111111111111","clientSecret":""}}""", "credential.clientSecret" },
        { """{"tenantId":"%ID%","displayName":"x","credential":{"type":"certificate","clientId":"11111111-1111-1111-1111-111111111111","pfxBase64":"bm90IGEgcGZ4","pfxPassword":"p"}}""", "credential.pfx" },
        { """{"tenantId":"%ID%","displayName":"x","surprise":true}""", "surprise" },
        { """{"tenantId":"%ID%","displayName":"x","sources":["signIns"]}""", "sources" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_onboarding_request_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var tenantId = Guid.NewGuid().ToString("D");
        using var content = new StringContent(body.Replace("%ID%", tenantId, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        var (response, problem) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", content);
        var (get, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenantId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains(errors, name => name.StartsWith(field, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var huge = new string('x', 200_000);
        using var content = new StringContent($$"""{"tenantId":"{{Guid.NewGuid()}}","displayName":"{{huge}}"}""", Encoding.UTF8, "application/json");

        var (response, _) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Non_json_body_is_415()
    {
        using var content = new StringContent("tenantId=x", Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded"));

        var (response, _) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_tenant_id_in_the_path_is_400_not_404()
    {
        var (response, _) = await fixture.SendAsync(HttpMethod.Get, "/api/tenants/zzz");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
