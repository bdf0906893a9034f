using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>Plain HTTP against the Graph surface, for assertions on status codes and headers the SDK hides or retries.</summary>
internal sealed class GraphRaw(GraphEmulatorServer server, string token) : IDisposable
{
    private readonly HttpClient http = CreateClient(server, token);

    public static async Task<GraphRaw> ForAsync(GraphEmulatorServer server, Guid tenantId) =>
        new(server, await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, tenantId)));

    public async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string relativeOrAbsolute)
    {
        var response = await http.GetAsync(relativeOrAbsolute);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, body);
    }

    public static string ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;

    public void Dispose() => http.Dispose();

    private static HttpClient CreateClient(GraphEmulatorServer server, string token)
    {
        var client = EmulatorClients.PinnedHttpClient(server);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
