using Microsoft.AspNetCore.Http;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The base address the caller used to reach the emulator: scheme, Host header and path base. Links in responses (nextLink,
/// @odata.context, Location, OpenID metadata) and the audience a client assertion must carry are built from it, as Graph and Entra
/// answer under the host that was called. Behind a name such as Compose's <c>https://graph-emulator:8443</c>, the address the
/// emulator listens on (<c>0.0.0.0</c>, printed as 127.0.0.1) would send a silo's next page request to itself.
/// </summary>
internal static class RequestBaseAddress
{
    public static Uri Of(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
