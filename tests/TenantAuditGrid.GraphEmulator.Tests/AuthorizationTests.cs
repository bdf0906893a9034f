using System.Net;
using Microsoft.Graph.Models.ODataErrors;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 2));

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Guid Tenant => server.Control.Tenants()[0].Id;

    [Theory]
    [InlineData(new[] { GraphRoles.DirectoryReadAll }, "Authentication_MSGraphPermissionMissing")]
    [InlineData(new string[0], "Authentication_MSGraphPermissionMissing")]
    [InlineData(new[] { GraphRoles.AuditLogReadAll }, "Authorization_RequestDenied")]
    public async Task Missing_roles_are_403_with_graphs_codes(string[] granted, string code)
    {
        server.Control.Grant(Tenant, server.SharedApp.ClientId, granted);
        var graph = EmulatorClients.GraphClient(server, EmulatorClients.SharedAppCredential(server, Tenant));

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.AuditLogs.DirectoryAudits.GetAsync());

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal(code, error.Error!.Code);
        if (code == "Authentication_MSGraphPermissionMissing")
        {
            Assert.Equal("Calling principal does not have required MSGraph permissions AuditLog.Read.All", error.Error.Message);
        }
    }

    [Fact]
    public async Task Permission_revoked_mid_run_is_refused_even_for_a_token_that_still_carries_it()
    {
        using var graph = await GraphRaw.ForAsync(server, Tenant);
        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);

        server.Control.RevokeRole(Tenant, server.SharedApp.ClientId, GraphRoles.AuditLogReadAll);
        var (response, body) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Authentication_MSGraphPermissionMissing", GraphRaw.ErrorCode(body));
    }

    [Fact]
    public async Task Garbage_token_is_401_InvalidAuthenticationToken()
    {
        using var graph = new GraphRaw(server, "eyJhbGciOiJub25lIn0.e30.");
        var (response, body) = await graph.GetAsync("v1.0/auditLogs/directoryAudits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", GraphRaw.ErrorCode(body));
    }

    [Fact]
    public async Task Token_signed_by_someone_else_is_401()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Audience = "https://graph.microsoft.com",
            Issuer = $"https://sts.windows.net/{Tenant}/",
            Claims = new Dictionary<string, object> { ["tid"] = Tenant.ToString(), ["appid"] = server.SharedApp.ClientId, ["roles"] = new[] { GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll } },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key), "RS256"),
        });
        using var graph = new GraphRaw(server, forged);

        var (response, body) = await graph.GetAsync("v1.0/auditLogs/directoryAudits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", GraphRaw.ErrorCode(body));
    }

    [Fact]
    public async Task Expired_and_force_expired_tokens_are_401()
    {
        using var natural = await GraphRaw.ForAsync(server, Tenant);
        server.Control.AdvanceClock(TimeSpan.FromMinutes(66));
        var (expired, expiredBody) = await natural.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", GraphRaw.ErrorCode(expiredBody));

        using var fresh = await GraphRaw.ForAsync(server, server.Control.Tenants()[1].Id);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        server.Control.AdvanceClock(TimeSpan.FromSeconds(1));
        server.Control.ExpireTokens(server.Control.Tenants()[1].Id);
        var (forced, forcedBody) = await fresh.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");
        Assert.Equal(HttpStatusCode.Unauthorized, forced.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", GraphRaw.ErrorCode(forcedBody));
    }
}
