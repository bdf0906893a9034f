namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// A security action as submitted. Its status is not stored but derived from the emulated clock: notStarted, then
/// running, then completed or failed at instants fixed at creation (a cancel ends it early as failed).
/// </summary>
internal sealed record SecurityActionRecord(
    string Id,
    Guid TenantId,
    string Name,
    string? ActionReason,
    string? ClientContext,
    IReadOnlyList<SecurityActionParameter> Parameters,
    SecurityVendorInformation? VendorInformation,
    string? User,
    string AppId,
    DateTimeOffset CreatedDateTime,
    DateTimeOffset RunningAt,
    DateTimeOffset FinishedAt,
    bool Fails)
{
    public DateTimeOffset? CanceledAt { get; init; }

    /// <summary>
    /// An action submitted at <paramref name="createdAt"/>: it starts running 10–40 s later and ends 1–5 min after creation, failing one
    /// time in ten, as drawn from <paramref name="random"/>.
    /// </summary>
    public static SecurityActionRecord Submitted(
        string id, Guid tenantId, SecurityActionRequest request, string appId, string? user, DateTimeOffset createdAt, Random random) =>
        new(
            id,
            tenantId,
            request.Name!,
            request.ActionReason,
            request.ClientContext,
            request.Parameters!,
            request.VendorInformation,
            user,
            appId,
            createdAt,
            createdAt + TimeSpan.FromSeconds(10 + random.Next(30)),
            createdAt + TimeSpan.FromSeconds(60 + random.Next(240)),
            random.NextDouble() < 0.1);

    public IReadOnlyList<SecurityActionStateEntry> States(DateTimeOffset now)
    {
        var states = new List<SecurityActionStateEntry> { new(AppId, "notStarted", CreatedDateTime, User) };
        var end = CanceledAt is { } canceled && canceled < FinishedAt ? canceled : FinishedAt;
        if (RunningAt <= now && RunningAt < end)
        {
            states.Add(new(AppId, "running", RunningAt, User));
        }

        if (end <= now)
        {
            states.Add(new(AppId, end == FinishedAt && !Fails ? "completed" : "failed", end, User));
        }

        return states;
    }

    public bool IsFinished(DateTimeOffset now) => States(now)[^1].Status is "completed" or "failed";

    public SecurityActionErrorInfo? ErrorInfo(DateTimeOffset now)
    {
        var last = States(now)[^1];
        if (last.Status != "failed")
        {
            return null;
        }

        return CanceledAt is { } canceled && canceled <= last.UpdatedDateTime
            ? new SecurityActionErrorInfo("Canceled", "The action was canceled before it completed.", null)
            : new SecurityActionErrorInfo("ActionFailed", "The provider could not carry out the action.", "ProviderUnavailable");
    }
}

public sealed record SecurityActionParameter(string Name, string? Value);

public sealed record SecurityVendorInformation(string? Provider, string? ProviderVersion, string? SubProvider, string? Vendor);

public sealed record SecurityActionStateEntry(string AppId, string Status, DateTimeOffset UpdatedDateTime, string? User);

public sealed record SecurityActionErrorInfo(string Code, string Message, string? Subcode);
