using System.Text.Json;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Health;

namespace TenantAuditGrid.Graph.Reading;

/// <summary>
/// Sends one prepared request through a tenant's authenticated request adapter and returns the page as raw JSON.
/// Failures come out as <see cref="GraphAccessException"/>; nothing is retried here.
/// </summary>
public sealed class RawPageFetcher(GraphFailureClassifier classifier)
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>
    /// The Graph SDK's retry handler would answer a 429 by sleeping for Retry-After and trying again, up to three times,
    /// invisibly. For report calls that is wrong twice over: the throttle budget belongs to the sync engine's scheduler,
    /// which has to see every 429 to slow the whole app down, and a hidden retry spends a permit nobody granted.
    /// So report calls go out exactly once and a 429 surfaces with its Retry-After.
    /// </summary>
    public static RetryHandlerOption NoRetry() => new() { MaxRetry = 0, ShouldRetry = static (_, _, _) => false };

    public async Task<AuditPage> FetchPageAsync(TenantGraphClient client, RequestInformation request, AuditSource source, CancellationToken cancellationToken)
    {
        using var document = await FetchJsonAsync(client, request, source, cancellationToken).ConfigureAwait(false);
        var root = document?.RootElement;
        if (root is not { ValueKind: JsonValueKind.Object } page
            || !page.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new GraphAccessException(new GraphAccessFailure(
                GraphFailureKind.ServerError, TenantHealthState.Unreachable, "malformed_page", null, null, []));
        }

        var items = new List<JsonElement>(value.GetArrayLength());
        items.AddRange(value.EnumerateArray().Select(item => item.Clone()));
        var nextLink = page.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String
            ? link.GetString()
            : null;
        return new AuditPage(items, string.IsNullOrEmpty(nextLink) ? null : nextLink);
    }

    /// <summary>One request, one JSON document (null for an empty body).</summary>
    public async Task<JsonDocument?> FetchJsonAsync(TenantGraphClient client, RequestInformation request, AuditSource? source, CancellationToken cancellationToken)
    {
        request.Headers.TryAdd("Accept", "application/json");
        request.AddRequestOptions([NoRetry()]);
        try
        {
            var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                return null;
            }

            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException e)
        {
            throw new GraphAccessException(
                new GraphAccessFailure(GraphFailureKind.ServerError, TenantHealthState.Unreachable, "malformed_page", null, null, []), e);
        }
        catch (Exception e) when (e is not GraphAccessException && !cancellationToken.IsCancellationRequested
                                  && classifier.TryClassify(e, source, out var failure))
        {
            throw new GraphAccessException(failure, e);
        }
    }

    /// <summary>A request for a nextLink exactly as Graph sent it, refused unless it points at the tenant's Graph host.</summary>
    public static RequestInformation FollowLink(TenantGraphClient client, string nextLink)
    {
        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var uri) || !client.IsGraphUri(uri))
        {
            throw new ArgumentException("A nextLink must be an absolute URL on the configured Graph host.", nameof(nextLink));
        }

        return new RequestInformation { HttpMethod = Method.GET, URI = uri };
    }
}
