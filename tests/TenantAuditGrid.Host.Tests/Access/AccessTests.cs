using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Tests.Tenants;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// Who may call what, on the real Host against the emulator's Entra: the route table read from the Host's own composition, walked with
/// no credential, with API keys of each role and with Entra app tokens.
/// </summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class AccessTests(EmulatedHostFixture fixture)
{
    /// <summary>The documented table (docs/security.md). A new route fails the first test until it is added here with its role.</summary>
    private static readonly string[] DocumentedRoutes =
    [
        "GET / anonymous",
        "GET /api/consent/callback anonymous",
        "POST /api/credentials:reencrypt Admin",
        "GET /api/customers/ Reader",
        "POST /api/customers/ Admin",
        "DELETE /api/customers/{customerId} Admin",
        "GET /api/customers/{customerId} Reader",
        "PATCH /api/customers/{customerId} Admin",
        "GET /api/grants/ Admin",
        "DELETE /api/grants/{kind}/{id} Admin",
        "GET /api/grants/{kind}/{id} Admin",
        "PUT /api/grants/{kind}/{id} Admin",
        "GET /api/keys/ Admin",
        "POST /api/keys/ Admin",
        "DELETE /api/keys/{keyId} Admin",
        "GET /api/keys/{keyId} Admin",
        "GET /api/me Reader",
        "GET /api/me/antiforgery Reader",
        "GET /api/reports/directoryAudits/counts Reader",
        "GET /api/tenants/ Reader",
        "POST /api/tenants/ Admin",
        "DELETE /api/tenants/{tenantId} Admin",
        "GET /api/tenants/{tenantId} Reader",
        "PATCH /api/tenants/{tenantId} Admin",
        "GET /api/tenants/{tenantId}/consent-url Admin",
        "PUT /api/tenants/{tenantId}/credential Admin",
        "POST /api/tenants/{tenantId}/probe Operator",
        "GET /api/tenants/{tenantId}/status Reader",
        "GET /api/tenants/{tenantId}/sync Reader",
        "POST /api/tenants:batch Admin",
        "GET /graph/beta/security/securityActions Reader",
        "GET /graph/beta/security/securityActions/{id} Reader",
        "GET /graph/tenants/{tenantId}/beta/security/securityActions Reader",
        "GET /graph/tenants/{tenantId}/beta/security/securityActions/{id} Reader",
        "GET /graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits Reader",
        "GET /graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits/{id} Reader",
        "GET /graph/v1.0/auditLogs/directoryAudits Reader",
        "GET /graph/v1.0/auditLogs/directoryAudits/{id} Reader",
        "* /health/live anonymous",
        "* /health/ready anonymous",
        "* /health/startup anonymous",
        "GET /openapi/{documentName}.json Reader",
        "GET /signin anonymous",
        "POST /signout anonymous",
    ];

    [Fact]
    public async Task Every_route_the_host_maps_is_anonymous_only_on_the_allow_list_and_otherwise_names_its_role()
    {
        var routes = await HostRouteTable.ReadAsync();

        Assert.Equal(DocumentedRoutes, routes.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Every_route_that_names_a_tenant_passes_through_the_tenant_scope_filter()
    {
        var routes = await HostRouteTable.ReadAsync();

        var naming = routes.Where(r => r.Pattern.Contains("{tenantId}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(naming);
        Assert.All(naming, r => Assert.True(r.TenantScoped, $"{r} does not check the caller's scope"));
    }

    [Fact]
    public async Task Walking_the_route_table_anonymous_callers_get_401_and_each_role_exactly_the_routes_it_holds()
    {
        var routes = await HostRouteTable.ReadAsync();
        var readerKey = await CreateKeyAsync("walk reader", "reader");
        var operatorKey = await CreateKeyAsync("walk operator", "operator");
        var readerToken = await EmulatorOperators.AppTokenAsync(fixture.Emulator, EmulatorOperators.Reader);
        var (_, session) = await fixture.SignedInAsync("Walking reader", EmulatorOperators.Reader);
        await session.UseAntiforgeryTokenAsync();
        var callers = new (string Name, HttpClient Client, OperatorRole? Role)[]
        {
            ("anonymous", fixture.ClientWith(null), null),
            ("reader key", fixture.ClientWith(readerKey), OperatorRole.Reader),
            ("operator key", fixture.ClientWith(operatorKey), OperatorRole.Operator),
            ("admin key", fixture.ClientWith(fixture.AdminKey), OperatorRole.Admin),
            ("Entra reader app", fixture.ClientWith(readerToken), OperatorRole.Reader),
            ("signed-in reader", session.Http, OperatorRole.Reader),
        };

        var wrong = new List<string>();
        var bodies = new List<string>();
        foreach (var (name, client, role) in callers)
        {
            // Signing out would end the session the rest of the walk uses; the sign-out tests cover that route for sessions.
            foreach (var route in routes.Where(r => client != session.Http || r.Pattern != "/signout"))
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method == "*" ? "GET" : route.Method), Concrete(route.Pattern)));
                bodies.Add(await response.Content.ReadAsStringAsync());
                var expected = route.Access == "anonymous" ? "allowed"
                    : role is null ? "401"
                    : role >= Enum.Parse<OperatorRole>(route.Access) ? "allowed"
                    : "403";
                var actual = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => "401",
                    HttpStatusCode.Forbidden => "403",
                    _ => "allowed",
                };
                if (actual != expected)
                {
                    wrong.Add($"{name}: {route} answered {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        foreach (var (_, client, _) in callers)
        {
            client.Dispose();
        }

        Assert.Empty(wrong);
        var everything = string.Join('\n', bodies);
        Assert.Contains("Bootstrap admin", everything, StringComparison.Ordinal); // the key listing was read
        foreach (var secret in new[] { readerKey, operatorKey, fixture.AdminKey, readerToken, fixture.Emulator.SharedApp.ClientSecret, fixture.Emulator.OperatorSignIn.ClientSecret })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[^20..], everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_Entra_app_token_is_the_app_with_its_highest_role_and_an_api_key_is_the_key()
    {
        var token = await EmulatorOperators.AppTokenAsync(fixture.Emulator, EmulatorOperators.Reader, EmulatorOperators.Operator);
        using var entra = fixture.ClientWith(token);
        using var key = fixture.ClientWith(fixture.AdminKey);

        var app = await entra.GetFromJsonAsync<JsonElement>("/api/me");
        var admin = await key.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal(("application", "operator"), (app.GetProperty("kind").GetString(), app.GetProperty("role").GetString()));
        Assert.True(Guid.TryParse(app.GetProperty("id").GetString(), out _));
        Assert.Equal(("apiKey", "admin", "Bootstrap admin"), (admin.GetProperty("kind").GetString(), admin.GetProperty("role").GetString(), admin.GetProperty("displayName").GetString()));
        Assert.StartsWith("apiKey:", admin.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401_and_a_token_without_a_product_role_is_403()
    {
        var tenant = fixture.NewTenant();
        var graphToken = await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(fixture.Emulator, tenant.Id));
        var unknownRole = await EmulatorOperators.AppTokenAsync(fixture.Emulator, "TenantAuditGrid.Superuser");
        using var graphCaller = fixture.ClientWith(graphToken);
        using var roleless = fixture.ClientWith(unknownRole);

        using var wrongAudience = await graphCaller.GetAsync("/api/me");
        using var noRole = await roleless.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
        Assert.Contains("invalid_token", wrongAudience.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_then_on_and_stays_listed_as_revoked_without_its_secret()
    {
        var key = await CreateKeyAsync("to revoke", "reader");
        var keyId = key.Split('_')[1];
        using var caller = fixture.ClientWith(key);
        using (var before = await caller.GetAsync("/api/tenants"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var (revoked, body) = await fixture.SendAsync(HttpMethod.Delete, $"/api/keys/{keyId}");
        using var after = await caller.GetAsync("/api/tenants");
        var (_, listing) = await fixture.SendAsync(HttpMethod.Get, "/api/keys");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var listed = listing.GetProperty("value").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal("revoked", listed.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.StartsWith("apiKey:", listed.GetProperty("revokedBy").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('_', 3)[2], listing.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_says_so()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var (created, body) = await fixture.SendAsync(HttpMethod.Post, "/api/keys", new { displayName = "short-lived", role = "reader", expiresAt, allCustomers = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var caller = fixture.ClientWith(body.GetProperty("key").GetString());

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        using var response = await caller.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "displayName": "x", "role": "superuser" }""", "role", "reader, operator or admin")]
    [InlineData("""{ "displayName": "x", "role": "Reader " }""", "role", "reader, operator or admin")]
    [InlineData("""{ "displayName": "x" }""", "role", "role is required")]
    [InlineData("""{ "displayName": " ", "role": "reader" }""", "displayName", "displayName is required")]
    [InlineData("""{ "displayName": "x", "role": "reader", "expiresAt": "2020-01-01T00:00:00Z" }""", "expiresAt", "in the future")]
    [InlineData("""{ "displayName": "x", "role": "reader", "customers": ["a"] }""", "customers", "There is no customer 'a'")]
    [InlineData("""{ "displayName": "x", "role": "reader" }""", "customers", "or set allCustomers")]
    [InlineData("""{ "displayName": "x", "role": "operator", "allCustomers": true, "customers": ["a"] }""", "customers", "not both")]
    [InlineData("""{ "displayName": "x", "role": "admin", "allCustomers": true }""", "customers", "An admin key sees every customer")]
    public async Task A_bad_key_request_is_400_naming_the_field_and_creates_nothing(string json, string field, string says)
    {
        var before = await KeyCountAsync();

        var (response, body) = await fixture.SendAsync(HttpMethod.Post, "/api/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), body.ToString());
        Assert.Contains(says, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await KeyCountAsync());
    }

    [Theory]
    [InlineData("tagk_0123456789abcdef_not-the-secret", "not known")]
    [InlineData("tagk_short_secret", "not an API key")]
    [InlineData("not-a-key-or-token", "invalid_token")]
    public async Task An_unknown_or_malformed_credential_is_401_with_the_reason(string bearer, string reason)
    {
        using var caller = fixture.ClientWith(bearer);

        using var response = await caller.GetAsync("/api/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_documents_describe_the_bearer_scheme_and_each_operations_role()
    {
        var (_, api) = await fixture.SendAsync(HttpMethod.Get, "/openapi/api.json");
        var (_, graph) = await fixture.SendAsync(HttpMethod.Get, "/openapi/graph.json");

        foreach (var document in new[] { api, graph })
        {
            Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        }

        var createKey = api.GetProperty("paths").GetProperty("/api/keys").GetProperty("post");
        var probe = api.GetProperty("paths").GetProperty("/api/tenants/{tenantId}/probe").GetProperty("post");
        var callback = api.GetProperty("paths").GetProperty("/api/consent/callback").GetProperty("get");
        var audits = graph.GetProperty("paths").GetProperty("/graph/v1.0/auditLogs/directoryAudits").GetProperty("get");
        Assert.StartsWith("Requires the Admin role", createKey.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Requires the Operator role", probe.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Requires the Reader role", audits.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(createKey.TryGetProperty("security", out _));
        Assert.False(callback.TryGetProperty("security", out _));
    }

    private async Task<string> CreateKeyAsync(string displayName, string role)
    {
        var (response, body) = await fixture.SendAsync(
            HttpMethod.Post, "/api/keys", role == "admin" ? new { displayName, role } : new { displayName, role, allCustomers = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/keys/{body.GetProperty("apiKey").GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        return body.GetProperty("key").GetString()!;
    }

    private async Task<int> KeyCountAsync() =>
        (await fixture.SendAsync(HttpMethod.Get, "/api/keys")).Body.GetProperty("value").GetArrayLength();

    private static string Concrete(string pattern) => pattern
        .Replace("{tenantId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{keyId}", "0123456789abcdef", StringComparison.Ordinal)
        .Replace("{documentName}", "api", StringComparison.Ordinal)
        .Replace("{customerId}", "no-such-customer", StringComparison.Ordinal)
        .Replace("{kind}", "user", StringComparison.Ordinal)
        .Replace("{id}", "some-id", StringComparison.Ordinal);
}
