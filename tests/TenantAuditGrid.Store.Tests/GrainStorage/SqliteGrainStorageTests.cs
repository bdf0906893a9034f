using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using TenantAuditGrid.Store.GrainStorage;

namespace TenantAuditGrid.Store.Tests.GrainStorage;

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("tag-grainstorage-").FullName;
    private readonly GrainId grainId = GrainId.Create("counter", "tenant-a");

    private string DatabasePath => Path.Combine(directory, "grains.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag_as_plain_json()
    {
        var storage = await CreateStorageAsync();
        var written = new GrainState<CounterState>(new CounterState { Value = 7, History = ["a", "b"] });
        await storage.WriteStateAsync("counter", grainId, written);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(7, read.State!.Value);
        Assert.Equal(["a", "b"], read.State!.History);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("{\"Value\":7,\"History\":[\"a\",\"b\"]}", await ReadPayloadTextAsync());
    }

    [Fact]
    public async Task The_database_file_is_in_wal_mode()
    {
        await CreateStorageAsync();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reading_a_missing_row_gives_default_state_and_no_etag()
    {
        var storage = await CreateStorageAsync();
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State!.Value);
    }

    [Fact]
    public async Task A_stale_etag_write_throws_and_keeps_the_newer_state()
    {
        var storage = await CreateStorageAsync();
        var first = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("counter", grainId, first);
        var stale = new GrainState<CounterState> { State = new CounterState { Value = 100 }, ETag = first.ETag };

        first.State!.Value = 2;
        await storage.WriteStateAsync("counter", grainId, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task A_first_write_without_etag_throws_when_a_row_already_exists()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = 1 }));

        var secondActivation = new GrainState<CounterState>(new CounterState { Value = 5 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, secondActivation));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_produce_exactly_one_winner()
    {
        var storage = await CreateStorageAsync();
        var seed = new GrainState<CounterState>(new CounterState());
        await storage.WriteStateAsync("counter", grainId, seed);

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            var state = new GrainState<CounterState> { State = new CounterState { Value = i }, ETag = seed.ETag };
            try
            {
                await storage.WriteStateAsync("counter", grainId, state);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Clear_resets_the_row_and_a_writer_with_the_pre_clear_etag_conflicts()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<CounterState>(new CounterState { Value = 3 });
        await storage.WriteStateAsync("counter", grainId, state);
        var preClearETag = state.ETag;

        await storage.ClearStateAsync("counter", grainId, state);

        Assert.False(state.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(preClearETag, state.ETag);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Value);
        Assert.Equal(state.ETag, read.ETag);
        var stale = new GrainState<CounterState> { State = new CounterState { Value = 9 }, ETag = preClearETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));

        state.State!.Value = 4;
        await storage.WriteStateAsync("counter", grainId, state);
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.Equal(4, read.State!.Value);
    }

    [Fact]
    public async Task Clear_with_delete_removes_the_row()
    {
        var storage = await CreateStorageAsync(deleteOnClear: true);
        var state = new GrainState<CounterState>(new CounterState { Value = 3 });
        await storage.WriteStateAsync("counter", grainId, state);

        await storage.ClearStateAsync("counter", grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, await CountRowsAsync());
        await storage.WriteStateAsync("counter", grainId, state);
        Assert.Equal(1, await CountRowsAsync());
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_state()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<CounterState>(new CounterState { Value = 3 });
        await storage.WriteStateAsync("counter", grainId, state);
        var stale = new GrainState<CounterState> { State = new CounterState(), ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync("counter", grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", grainId, stale));
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.Equal(3, read.State!.Value);
    }

    [Fact]
    public async Task Rows_of_different_state_names_and_grains_are_separate()
    {
        var storage = await CreateStorageAsync();
        await storage.WriteStateAsync("counter", grainId, new GrainState<CounterState>(new CounterState { Value = 1 }));
        await storage.WriteStateAsync("other", grainId, new GrainState<CounterState>(new CounterState { Value = 2 }));
        await storage.WriteStateAsync("counter", GrainId.Create("counter", "tenant-b"), new GrainState<CounterState>(new CounterState { Value = 3 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.Equal(1, read.State!.Value);
        Assert.Equal(3, await CountRowsAsync());
    }

    private async Task<SqliteGrainStorage> CreateStorageAsync(bool deleteOnClear = false)
    {
        var options = new SqliteGrainStorageOptions
        {
            DatabasePath = DatabasePath,
            DeleteStateOnClear = deleteOnClear,
            GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())),
        };
        var storage = new SqliteGrainStorage("test", "service-1", options);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private async Task<string> ReadPayloadTextAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT CAST(payload AS TEXT) FROM grain_state", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT COUNT(*) FROM grain_state", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
