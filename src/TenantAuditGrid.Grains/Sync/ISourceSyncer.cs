namespace TenantAuditGrid.Grains.Sync;

/// <summary>The source-specific half of a sync grain: one step of work, run by the grain's timer. Failures surface as exceptions.</summary>
internal interface ISourceSyncer
{
    /// <summary>Does what is due; <paramref name="persist"/> writes the grain state once the events it vouches for are stored.</summary>
    Task StepAsync(Func<Task> persist, CancellationToken cancellationToken);

    /// <summary>What the source considers its settle window (zero where nothing arrives late).</summary>
    TimeSpan SettleWindow { get; }
}
