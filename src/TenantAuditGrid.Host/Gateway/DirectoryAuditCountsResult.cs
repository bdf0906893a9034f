using System.Text.Json;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// Streams an aggregation as <c>{"groupBy":[…],"interval":"1h","value":[{"bucket":…,"tenantId":…,"count":n},…]}</c>.
/// </summary>
internal sealed class DirectoryAuditCountsResult(AuditCountsQuery query, IAsyncEnumerable<AuditCountRow> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        var response = httpContext.Response;
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        var hasRow = await enumerator.MoveNextAsync();

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("groupBy");
        foreach (var name in query.GroupBy)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        if (query.Interval is { } width)
        {
            writer.WriteString("interval", AuditQueryParser.Intervals.First(pair => pair.Value == width).Key);
        }
        else
        {
            writer.WriteNull("interval");
        }

        writer.WriteStartArray("value");
        while (hasRow)
        {
            var row = enumerator.Current;
            writer.WriteStartObject();
            if (row.BucketStart is { } bucket)
            {
                writer.WriteString("bucket", bucket.UtcDateTime);
            }

            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                writer.WriteString(query.GroupBy[i], row.Values[i]);
            }

            writer.WriteNumber("count", row.Count);
            writer.WriteEndObject();
            if (writer.BytesPending > 32 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
            }

            hasRow = await enumerator.MoveNextAsync();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}
