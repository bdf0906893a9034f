using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// The size of the next backfill slice and its <c>$top</c>. Dense history gets narrow slices, sparse history wide ones; after a slice
/// fails on 5xx/504 both shrink (Microsoft's advice for the reporting API), and they grow back as slices succeed.
/// </summary>
[GenerateSerializer, Alias("tag.SliceShape")]
public sealed record SliceShape([property: Id(0)] TimeSpan Width, [property: Id(1)] int Top)
{
    public const int MinTop = 100;

    /// <summary>More pages than this in one slice means the slice was too wide: the longer a slice pages, the likelier 504s and expired skiptokens.</summary>
    public const int TargetPages = 4;

    public static SliceShape Initial(SyncOptions options) => new(options.InitialSliceWidth, options.PageSize);

    /// <summary>How much wider a sparse slice may grow in one step.</summary>
    public const int MaxGrowth = 8;

    public SliceShape AfterSuccess(int events, int pages, SyncOptions options)
    {
        // A slice that came back less than three quarters full grows in proportion (up to ×8 a step), so a tenant with a few hundred
        // events a day reaches full-page slices in a request or two instead of spending a request per couple of days.
        var target = 0.75 * Top;
        var width = pages > TargetPages ? Width / 2
            : events < target ? Width * Math.Min(MaxGrowth, target / Math.Max(events, 1))
            : Width;
        var top = Math.Min(options.PageSize, Top * 2);
        return new SliceShape(Clamp(width, options), top);
    }

    public SliceShape AfterServerErrors(SyncOptions options) =>
        new(Clamp(Width / 2, options), Math.Min(Top, Math.Max(MinTop, Top / 2)));

    private static TimeSpan Clamp(TimeSpan width, SyncOptions options) =>
        width < options.MinSliceWidth ? options.MinSliceWidth : width > options.MaxSliceWidth ? options.MaxSliceWidth : width;
}
