using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Host.Api.Customers;
using TenantAuditGrid.Host.Api.Json;

namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>
/// <c>POST /api/tenants:batch</c>: onboards up to 10,000 tenants from a JSON array of onboarding requests or from CSV, and reports
/// every row. Rows are independent: a bad row is reported and skipped, the others are onboarded. Tenants are probed in the
/// background afterwards (state <c>pending</c> until then), because probes share Graph's throttle budget with sync.
/// </summary>
public static class TenantBatchImport
{
    public const int MaxRows = 10_000;
    public const long MaxBodyBytes = 32 * 1024 * 1024;
    private const int Parallelism = 16;

    private static readonly string[] CsvColumns =
        ["tenantId", "displayName", "customerId", "tags", "sources", "credentialType", "clientId", "clientSecret", "secretExpiresOn"];

    public static async Task<IResult> ImportAsync(HttpContext context, TenantRequestValidation validation, VisibleCustomers customers, IGrainFactory grains)
    {
        List<OnboardTenantRequest>? rows;
        if (IsCsv(context.Request))
        {
            string? csvError;
            (rows, csvError) = await ReadCsvAsync(context.Request);
            if (csvError is not null)
            {
                return JsonBody.FieldProblem("body", csvError);
            }
        }
        else
        {
            IResult? problem;
            (rows, problem) = await JsonBody.ReadAsync<List<OnboardTenantRequest>>(context);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (rows!.Count is 0 or > MaxRows)
        {
            return JsonBody.FieldProblem("body", $"A batch holds 1 to {MaxRows} tenants; this one holds {rows.Count}.");
        }

        var customerIds = await customers.IdsAsync(context);
        var results = new ConcurrentBag<BatchRowResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<(int Row, string TenantId, TenantRegistration Registration)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (registration, tenantId, errors) = validation.ToRegistration(rows[i], credentialVersion: 1, customerIds);
            if (registration is not null && !seen.Add(tenantId))
            {
                errors["tenantId"] = ["This tenant appears earlier in the same batch."];
                registration = null;
            }

            if (registration is null)
            {
                results.Add(new BatchRowResult(i + 1, tenantId.Length > 0 ? tenantId : rows[i].TenantId, "invalid", null, errors));
                continue;
            }

            accepted.Add((i + 1, tenantId, registration));
        }

        await Parallel.ForEachAsync(
            accepted,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = context.RequestAborted },
            async (row, _) =>
            {
                TenantCommandResult outcome;
                try
                {
                    outcome = await grains.GetGrain<ITenantGrain>(row.TenantId).OnboardAsync(row.Registration, probeNow: false);
                }
                catch (TimeoutException)
                {
                    // One slow grain must not turn a report about thousands of rows into a 500. Whether the onboarding landed is unknown,
                    // so the row says how to find out: sending it again answers alreadyOnboarded if it did.
                    results.Add(new BatchRowResult(row.Row, row.TenantId, "failed", null, new Dictionary<string, string[]>
                    {
                        ["tenantId"] = ["The tenant's grain did not answer in time; send this row again (it answers alreadyOnboarded if it was onboarded)."],
                    }));
                    return;
                }

                results.Add(outcome.Outcome == TenantCommandOutcome.Ok
                    ? new BatchRowResult(row.Row, row.TenantId, "created", outcome.Tenant!.State, null)
                    : new BatchRowResult(row.Row, row.TenantId, outcome.Outcome == TenantCommandOutcome.AlreadyOnboarded ? "alreadyOnboarded" : "failed", null,
                        new Dictionary<string, string[]> { ["tenantId"] = [outcome.Detail ?? outcome.Outcome.ToString()] }));
            });

        var ordered = results.OrderBy(r => r.Row).ToList();
        return TypedResults.Ok(new BatchResult(ordered.Count, ordered.Count(r => r.Status == "created"), ordered.Count(r => r.Status != "created"), ordered));
    }

    private static bool IsCsv(HttpRequest request) =>
        request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<(List<OnboardTenantRequest>? Rows, string? Error)> ReadCsvAsync(HttpRequest request)
    {
        // Buffered so the framework's size limit applies before parsing; TextFieldParser handles quoting and embedded commas.
        using var reader = new StreamReader(request.Body);
        string text;
        try
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, "The CSV body is larger than a batch accepts.");
        }

        using var parser = new TextFieldParser(new StringReader(text)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields();
        if (header is null)
        {
            return (null, "The CSV body is empty.");
        }

        var unknown = header.Where(h => !CsvColumns.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return (null, $"Unknown CSV column(s) {string.Join(", ", unknown)}; expected {string.Join(", ", CsvColumns)}.");
        }

        var rows = new List<OnboardTenantRequest>();
        try
        {
            while (!parser.EndOfData)
            {
                var fields = parser.ReadFields() ?? [];
                if (rows.Count >= MaxRows)
                {
                    return (null, $"A batch holds at most {MaxRows} tenants.");
                }

                rows.Add(ToRequest(header, fields));
            }
        }
        catch (MalformedLineException e)
        {
            return (null, $"CSV line {e.LineNumber} is malformed (check its quotes).");
        }
        catch (FormatException e)
        {
            return (null, $"CSV line {parser.LineNumber}: {e.Message}");
        }

        return (rows, null);
    }

    private static OnboardTenantRequest ToRequest(string[] header, string[] fields)
    {
        string? Field(string name)
        {
            var index = Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 && index < fields.Length && fields[index].Trim().Length > 0 ? fields[index].Trim() : null;
        }

        static List<string>? List(string? value) =>
            value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        var credentialType = Field("credentialType") is { } type
            ? Enum.TryParse<CredentialType>(type, ignoreCase: true, out var parsed) ? parsed : throw new FormatException($"unknown credentialType '{type}'")
            : CredentialType.SharedApp;
        return new OnboardTenantRequest
        {
            TenantId = Field("tenantId"),
            DisplayName = Field("displayName"),
            CustomerId = Field("customerId"),
            Tags = List(Field("tags")),
            Sources = List(Field("sources"))?.Select(s => Enum.TryParse<AuditSource>(s, ignoreCase: true, out var source)
                ? source : throw new FormatException($"unknown source '{s}'")).ToList(),
            Credential = new CredentialRequest
            {
                Type = credentialType,
                ClientId = Field("clientId"),
                ClientSecret = Field("clientSecret"),
                SecretExpiresOn = Field("secretExpiresOn") is { } expires
                    ? DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                    : null,
            },
        };
    }

    public sealed record BatchRowResult(int Row, string? TenantId, string Status, TenantHealthState? State, Dictionary<string, string[]>? Errors);

    public sealed record BatchResult(int Total, int Created, int Failed, IReadOnlyList<BatchRowResult> Results);
}
