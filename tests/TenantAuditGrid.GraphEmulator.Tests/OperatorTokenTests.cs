using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>The emulator as the MSP's own tenant: app-only v2 tokens for the product's API, shaped and refused as Entra's are.</summary>
public sealed class OperatorTokenTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 1, Seed = 3 });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_client_of_the_msp_tenant_gets_a_v2_token_for_the_product_api_with_its_app_roles_on_the_wall_clock()
    {
        var client = server.Control.CreateOperatorClient("psa", ["TenantAuditGrid.Reader", "TenantAuditGrid.Operator"]);
        var credential = EmulatorClients.SecretCredential(server, client.TenantId, client.ClientId, client.ClientSecret);

        var token = new JsonWebToken((await credential.GetTokenAsync(new TokenRequestContext([client.Scope]), CancellationToken.None)).Token);

        Assert.Equal($"{server.BaseAddress}{server.Operators.TenantId}/v2.0", token.Issuer);
        Assert.Equal([server.Operators.ApiClientId], token.Audiences);
        Assert.Equal(("2.0", "app", client.ClientId), (token.GetClaim("ver").Value, token.GetClaim("idtyp").Value, token.GetClaim("azp").Value));
        Assert.Equal(["TenantAuditGrid.Operator", "TenantAuditGrid.Reader"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Equal(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), new DateTimeOffset(token.IssuedAt).ToUnixTimeSeconds(), 5.0);
        Assert.Equal(server.Operators.TokenLifetime, token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task A_client_in_groups_gets_them_in_its_token_beside_its_object_id_and_one_in_none_gets_no_groups_claim()
    {
        var groups = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var member = server.Control.CreateOperatorClient("grouped", ["TenantAuditGrid.Reader"], groups);
        var loner = server.Control.CreateOperatorClient("alone", ["TenantAuditGrid.Reader"]);

        var memberToken = await TokenAsync(member);
        var lonerToken = await TokenAsync(loner);

        Assert.Equal(member.ObjectId.ToString(), memberToken.GetClaim("oid").Value);
        Assert.Equal(groups.Select(g => g.ToString()).Order(StringComparer.Ordinal), memberToken.Claims.Where(c => c.Type == "groups").Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(lonerToken.Claims, c => c.Type == "groups");
    }

    [Fact]
    public async Task The_msp_tenant_refuses_a_graph_scope_a_wrong_secret_and_an_unknown_client_as_entra_does()
    {
        var client = server.Control.CreateOperatorClient("psa", ["TenantAuditGrid.Admin"]);

        var graphScope = await RawAsync(client.ClientId, client.ClientSecret, EmulatorClients.GraphScope);
        var wrongSecret = await RawAsync(client.ClientId, "not-the-secret", client.Scope);
        var unknownClient = await RawAsync(Guid.NewGuid().ToString(), client.ClientSecret, client.Scope);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (graphScope.Status, graphScope.Body.GetProperty("error").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, wrongSecret.Body.GetProperty("error").GetString()));
        Assert.Contains("AADSTS700016", unknownClient.Body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_msp_tenants_openid_metadata_names_the_issuer_its_tokens_carry()
    {
        using var http = EmulatorClients.PinnedHttpClient(server);

        var metadata = await http.GetFromJsonAsync<JsonElement>($"{server.Operators.TenantId}/v2.0/.well-known/openid-configuration");

        Assert.Equal($"{server.BaseAddress}{server.Operators.TenantId}/v2.0", metadata.GetProperty("issuer").GetString());
    }

    private async Task<JsonWebToken> TokenAsync(OperatorClientCredentials client)
    {
        var credential = EmulatorClients.SecretCredential(server, client.TenantId, client.ClientId, client.ClientSecret);
        return new JsonWebToken((await credential.GetTokenAsync(new TokenRequestContext([client.Scope]), CancellationToken.None)).Token);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RawAsync(string clientId, string secret, string scope)
    {
        using var http = EmulatorClients.PinnedHttpClient(server);
        using var response = await http.PostAsync($"{server.Operators.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
