using Orleans;
using Orleans.Runtime;

namespace TenantAuditGrid.Store.Tests.GrainStorage;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<string?> GetSiloAsync();
}

[GenerateSerializer, Alias("TenantAuditGrid.Store.Tests.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public int Value { get; set; }

    [Id(1)]
    public List<string> History { get; set; } = [];
}

/// <summary>A grain whose whole behaviour is its persistent state, so storage tests observe only the provider.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, ILocalSiloDetails silo)
    : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        state.State.History.Add($"+1 on {silo.SiloAddress}");
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<string?> GetSiloAsync() => Task.FromResult<string?>(silo.SiloAddress.ToString());
}
