using System.Buffers;
using System.Text;
using System.Text.Json;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// Streams every matching event as CSV or NDJSON straight from the data reader to the response, flushing as it goes:
/// memory stays constant however many rows match.
/// </summary>
internal sealed class DirectoryAuditExportResult(IAsyncEnumerable<AuditRow> rows, ExportFormat format, IReadOnlyList<string>? select) : IResult
{
    private const int FlushThresholdBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        var response = httpContext.Response;
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);

        // The first row is read before any byte is sent, so a failing query can still get a proper error status.
        var hasRow = await enumerator.MoveNextAsync();
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.CacheControl = "no-store";
        if (format == ExportFormat.Csv)
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = "attachment; filename=\"directoryAudits.csv\"";
            await WriteCsvAsync(response, enumerator, hasRow, cancellationToken);
        }
        else
        {
            response.ContentType = ExportFormats.NdjsonMediaType;
            await WriteNdjsonAsync(response, enumerator, hasRow, cancellationToken);
        }
    }

    private static async Task WriteCsvAsync(HttpResponse response, IAsyncEnumerator<AuditRow> rows, bool hasRow, CancellationToken cancellationToken)
    {
        // Kestrel forbids synchronous writes: each line is formatted into a reused buffer, then written asynchronously.
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        CsvAuditColumns.WriteHeader(line);
        await writer.WriteAsync(line.GetStringBuilder(), cancellationToken);
        while (hasRow)
        {
            line.GetStringBuilder().Clear();
            CsvAuditColumns.WriteRow(line, rows.Current.TenantId, rows.Current.PayloadJson);
            await writer.WriteAsync(line.GetStringBuilder(), cancellationToken);
            hasRow = await rows.MoveNextAsync();
        }

        await writer.FlushAsync(cancellationToken);
    }

    private async Task WriteNdjsonAsync(HttpResponse response, IAsyncEnumerator<AuditRow> rows, bool hasRow, CancellationToken cancellationToken)
    {
        var body = response.BodyWriter;
        var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        await using (writer.ConfigureAwait(false))
        {
            long unflushed = 0;
            while (hasRow)
            {
                GraphJson.WriteItem(writer, rows.Current.PayloadJson, rows.Current.TenantId, select);
                unflushed += writer.BytesPending;
                writer.Flush();
                body.Write("\n"u8);
                if (unflushed >= FlushThresholdBytes)
                {
                    await body.FlushAsync(cancellationToken);
                    unflushed = 0;
                }

                writer.Reset(body);
                hasRow = await rows.MoveNextAsync();
            }
        }

        await body.FlushAsync(cancellationToken);
    }
}
