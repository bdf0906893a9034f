using Orleans;
using Orleans.Runtime;

namespace TenantAuditGrid.Store.Tests.Postgres;

public interface IReminderGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName);

    Task<IReadOnlyList<string>> GetReminderNamesAsync();
}

/// <summary>Registers reminders and reads them back through the silo's reminder service, which the ADO.NET table backs.</summary>
public sealed class ReminderGrain : Grain, IReminderGrain, IRemindable
{
    public Task RegisterAsync(string reminderName) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime: TimeSpan.FromMinutes(5), period: TimeSpan.FromMinutes(5));

    public async Task<IReadOnlyList<string>> GetReminderNamesAsync() =>
        (await this.GetReminders()).Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToList();

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
