using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>How a directoryAudits request wants its answer: Graph JSON pages, or one streamed export of every match.</summary>
internal enum ExportFormat
{
    GraphJson,
    Csv,
    Ndjson,
}

internal static class ExportFormats
{
    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary><c>$format</c> wins over Accept; an Accept that lists JSON alongside an export type keeps JSON.</summary>
    /// <exception cref="QueryValidationException">$format is repeated or names no format offered.</exception>
    public static ExportFormat Negotiate(HttpRequest request)
    {
        var format = request.Query["$format"];
        if (format.Count > 1)
        {
            throw new QueryValidationException("The query option '$format' is specified more than once.");
        }

        if (format.Count == 1)
        {
            var value = format[0] ?? string.Empty;
            if (value.Equals("csv", StringComparison.OrdinalIgnoreCase) || value.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return ExportFormat.Csv;
            }

            if (value.Equals("ndjson", StringComparison.OrdinalIgnoreCase) || value.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return ExportFormat.Ndjson;
            }

            if (value.Equals("json", StringComparison.OrdinalIgnoreCase) || value.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return ExportFormat.GraphJson;
            }

            throw new QueryValidationException("$format supports json, csv and ndjson.");
        }

        var accept = request.GetTypedHeaders().Accept;
        var wantsJson = accept.Count == 0 || accept.Any(a => a.MediaType.Value is "application/json" or "*/*" or "application/*");
        if (wantsJson)
        {
            return ExportFormat.GraphJson;
        }

        if (accept.Any(a => string.Equals(a.MediaType.Value, CsvMediaType, StringComparison.OrdinalIgnoreCase)))
        {
            return ExportFormat.Csv;
        }

        return accept.Any(a => string.Equals(a.MediaType.Value, NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
            ? ExportFormat.Ndjson
            : ExportFormat.GraphJson;
    }
}
