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

    /// <summary>How much wider a sparse slice may grow in one step; far below the page size, one step at most multiplies the width by this.</summary>
    public const int MaxGrowth = 8;

    public SliceShape AfterSuccess(int events, int pages, SyncOptions options)
    {
        // A sparse slice grows in proportion to how empty its page was (aiming at a page three quarters full), so a tenant with a few hundred
        // events a month reaches month-wide slices in two or three requests instead of spending a request per couple of days.
        var width = pages > TargetPages ? Width / 2
            : events < Top / 2 ? Width * Math.Clamp(0.75 * Top / Math.Max(events, 1), 2, MaxGrowth)
            : Width;
        var top = Math.Min(options.PageSize, Top * 2);
        return new SliceShape(Clamp(width, options), top);
    }

    public SliceShape AfterServerErrors(SyncOptions options) =>
        new(Clamp(Width / 2, options), Math.Min(Top, Math.Max(MinTop, Top / 2)));

    private static TimeSpan Clamp(TimeSpan width, SyncOptions options) =>
        width < options.MinSliceWidth ? options.MinSliceWidth : width > options.MaxSliceWidth ? options.MaxSliceWidth : width;
}
