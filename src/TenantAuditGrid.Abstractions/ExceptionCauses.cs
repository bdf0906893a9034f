namespace TenantAuditGrid.Abstractions;

/// <summary>
/// An exception and every exception under it, outermost first: the <see cref="Exception.InnerException"/> chain, and each inner
/// exception of an <see cref="AggregateException"/> with its own chain. Whoever classifies a failure by its cause walks it here.
/// </summary>
public static class ExceptionCauses
{
    /// <summary>Deeper chains are cut, so a pathological or self-referencing chain cannot loop.</summary>
    private const int MaxDepth = 16;

    public static IEnumerable<Exception> Of(Exception? exception) => Walk(exception, 0);

    private static IEnumerable<Exception> Walk(Exception? exception, int depth)
    {
        for (; exception is not null && depth < MaxDepth; exception = exception.InnerException, depth++)
        {
            yield return exception;
            if (exception is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(inner => Walk(inner, depth + 1)))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }
}
