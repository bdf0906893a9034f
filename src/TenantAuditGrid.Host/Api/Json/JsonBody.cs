using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TenantAuditGrid.Host.Api.Json;

/// <summary>
/// Reads a JSON request body strictly (unknown members are errors) and turns every way it can be wrong into a 400 or 413 problem
/// that names the offending field, instead of the framework's bare 400. The one place /api bodies are parsed.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (!context.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                "The request body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(options, context.RequestAborted);
            return value is null
                ? (null, FieldProblem("body", "The request body is empty or null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            // The serializer's message names the member and type but never echoes a value, so it is safe to return.
            return (null, FieldProblem(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), e.Message));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem("The request body is larger than this endpoint accepts.", statusCode: e.StatusCode));
        }
    }

    public static IResult FieldProblem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
