using System.Text.Json;
using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Store;

/// <summary>
/// Validation shared by both stores, run over a whole batch before anything is written, so bad input changes nothing and
/// both implementations reject exactly the same things with the same messages.
/// </summary>
internal static class StoreInput
{
    public static void Validate(IReadOnlyList<DirectoryAuditRecord> records, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(records, parameterName);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"{parameterName}[{i}] is null.", parameterName);
            RequireText(record.TenantId, $"{parameterName}[{i}].{nameof(record.TenantId)}", parameterName);
            RequireText(record.Id, $"{parameterName}[{i}].{nameof(record.Id)}", parameterName);
            if (!AuditSources.IsKnown(record.Source))
            {
                throw new ArgumentException(
                    $"{parameterName}[{i}].{nameof(record.Source)} must be '{AuditSources.Graph}' or '{AuditSources.Upload}'.", parameterName);
            }

            RequireUtc(record.ActivityDateTime, $"{parameterName}[{i}].{nameof(record.ActivityDateTime)}", parameterName);
            RequireObject(record.Payload, $"{parameterName}[{i}].{nameof(record.Payload)}", parameterName);
        }
    }

    public static void Validate(IReadOnlyList<SecurityActionRecord> actions, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(actions, parameterName);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"{parameterName}[{i}] is null.", parameterName);
            RequireText(action.TenantId, $"{parameterName}[{i}].{nameof(action.TenantId)}", parameterName);
            RequireText(action.Id, $"{parameterName}[{i}].{nameof(action.Id)}", parameterName);
            RequireUtc(action.CreatedDateTime, $"{parameterName}[{i}].{nameof(action.CreatedDateTime)}", parameterName);
            RequireUtc(action.LastActionDateTime, $"{parameterName}[{i}].{nameof(action.LastActionDateTime)}", parameterName);
            RequireUtc(action.CompletedDateTime, $"{parameterName}[{i}].{nameof(action.CompletedDateTime)}", parameterName);
            RequireObject(action.Payload, $"{parameterName}[{i}].{nameof(action.Payload)}", parameterName);
        }
    }

    public static void Validate(TenantStatusRecord status, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(status, parameterName);
        RequireText(status.TenantId, $"{parameterName}.{nameof(status.TenantId)}", parameterName);
        RequireText(status.HealthState, $"{parameterName}.{nameof(status.HealthState)}", parameterName);
        RequireUtc(status.HealthSince, $"{parameterName}.{nameof(status.HealthSince)}", parameterName);
        RequireUtc(status.UpdatedAt, $"{parameterName}.{nameof(status.UpdatedAt)}", parameterName);
        if (status.Version < 0)
        {
            throw new ArgumentException($"{parameterName}.{nameof(status.Version)} must not be negative.", parameterName);
        }

        if (status.Tags is null || status.Tags.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{parameterName}.{nameof(status.Tags)} must be a list of non-empty tags.", parameterName);
        }

        if (status.EnabledSources is null || status.EnabledSources.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{parameterName}.{nameof(status.EnabledSources)} must be a list of non-empty names.", parameterName);
        }

        if (status.Capabilities is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) })
        {
            throw new ArgumentException($"{parameterName}.{nameof(status.Capabilities)} must be a JSON object or array.", parameterName);
        }

        if (status.CustomerId is not null)
        {
            CustomerInput.RequireCustomerId(status.CustomerId, $"{parameterName}.{nameof(status.CustomerId)}", parameterName);
        }
    }

    public static void Validate(TenantStatusQuery query, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(query, parameterName);
        if (query.Scope is null)
        {
            throw new ArgumentException($"{parameterName}.{nameof(query.Scope)} is required.", parameterName);
        }

        if (query.Limit is < 1 or > TenantStatusQuery.MaxLimit)
        {
            throw new ArgumentException($"{parameterName}.{nameof(query.Limit)} must be between 1 and {TenantStatusQuery.MaxLimit}.", parameterName);
        }
    }

    public static void RequireId(string? value, string parameterName) => RequireText(value, parameterName, parameterName);

    public static void RequireText(string? value, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is required.", parameterName);
        }
    }

    public static void RequireUtc(DateTimeOffset? value, string what, string parameterName)
    {
        if (value is { Offset.Ticks: not 0 })
        {
            throw new ArgumentException($"{what} must be in UTC (offset zero), got offset {value.Value.Offset}.", parameterName);
        }
    }

    private static void RequireObject(JsonElement payload, string what, string parameterName)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"{what} must be a JSON object.", parameterName);
        }
    }
}
