using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TenantAuditGrid.Host.Hosting;

namespace TenantAuditGrid.Host.Tests;

public sealed class ClusterBusyExceptionHandlerTests
{
    [Fact]
    public async Task A_grain_call_timeout_is_a_503_problem_with_retry_after()
    {
        var (handled, context) = await HandleAsync(new TimeoutException("Response did not arrive on time"));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_transient_database_error_wrapped_by_a_grain_is_a_503()
    {
        // What a grain activation reading its state from a saturated PostgreSQL surfaces: Npgsql's timeout, marked transient, wrapped.
        var timeout = new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        var (handled, context) = await HandleAsync(new Orleans.Runtime.OrleansException("Error from storage provider during ReadStateAsync", timeout));

        Assert.True(timeout.IsTransient);
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_database_error_that_is_not_transient_stays_a_500()
    {
        var (handled, _) = await HandleAsync(new Orleans.Runtime.OrleansException("storage", new Npgsql.PostgresException("relation does not exist", "ERROR", "ERROR", "42P01")));

        Assert.False(handled);
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_default_500()
    {
        var (handled, context) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private static async Task<(bool Handled, HttpContext Context)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        IExceptionHandler handler = new ClusterBusyExceptionHandler(
            services.GetRequiredService<IProblemDetailsService>(), NullLogger<ClusterBusyExceptionHandler>.Instance);
        return (await handler.TryHandleAsync(context, exception, CancellationToken.None), context);
    }
}
