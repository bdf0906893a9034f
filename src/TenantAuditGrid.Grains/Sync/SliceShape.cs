using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// The time bound of the next backfill request and its <c>$top</c>. Backfill reads one page per request and moves down from the page's
/// oldest event, so the slice does not set how many requests history costs; it bounds how much Graph has to sort for one query. It starts
/// as wide as Graph's retention; after 5xx/504 both width and <c>$top</c> shrink (Microsoft's advice for the reporting API), and they grow
/// back as requests succeed, sparse slices faster than dense ones.
/// </summary>
[GenerateSerializer, Alias("tag.SliceShape")]
public sealed record SliceShape([property: Id(0)] TimeSpan Width, [property: Id(1)] int Top)
{
    public const int MinTop = 100;

    /// <summary>How much wider a sparse slice may grow in one step.</summary>
    public const int MaxGrowth = 8;

    public static SliceShape Initial(SyncOptions options) => new(options.InitialSliceWidth, options.PageSize);

    /// <summary>
    /// After a page was read. A slice that ended on a page less than three quarters full held fewer events than one request can carry:
    /// it grows in proportion (up to ×8 a step), so sparse history is read in full pages again soon after a narrowing. A slice with more
    /// pages to come keeps its width.
    /// </summary>
    public SliceShape AfterPage(int events, bool sliceComplete, SyncOptions options)
    {
        var target = 0.75 * Top;
        var width = sliceComplete && events < target ? Width * Math.Min(MaxGrowth, target / Math.Max(events, 1)) : Width;
        return new SliceShape(Clamp(width, options), Math.Min(options.PageSize, Top * 2));
    }

    public SliceShape AfterServerErrors(SyncOptions options) =>
        new(Clamp(Width / 2, options), Math.Min(Top, Math.Max(MinTop, Top / 2)));

    private static TimeSpan Clamp(TimeSpan width, SyncOptions options) =>
        width < options.MinSliceWidth ? options.MinSliceWidth : width > options.MaxSliceWidth ? options.MaxSliceWidth : width;
}
