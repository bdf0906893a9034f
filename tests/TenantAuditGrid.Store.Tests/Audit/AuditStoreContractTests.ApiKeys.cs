using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>The API key store's part of the contract: both engines keep keys, revocations and last-used times alike.</summary>
public abstract partial class AuditStoreContractTests
{
    private IApiKeyStore Keys => services.GetRequiredService<IApiKeyStore>();

    [Fact]
    public async Task A_created_key_reads_back_unused_and_unrevoked_and_listings_put_the_oldest_first()
    {
        Assert.False(await Keys.AnyAsync());
        var later = Key("k2", Clock.GetUtcNow().AddMinutes(1));
        var first = Key("k1", Clock.GetUtcNow()) with { ExpiresAt = Clock.GetUtcNow().AddDays(30) };

        await Keys.CreateAsync(later);
        await Keys.CreateAsync(first);

        Assert.True(await Keys.AnyAsync());
        var stored = await Keys.GetAsync("k1");
        Assert.NotNull(stored);
        Assert.Equal(first.SecretHash, stored.SecretHash);
        Assert.Equal(first.ExpiresAt, stored.ExpiresAt);
        Assert.Equal(("reader", "ops script", "oid-1"), (stored.Role, stored.DisplayName, stored.CreatedBy));
        Assert.Null(stored.LastUsedAt);
        Assert.Null(stored.RevokedAt);
        Assert.Equal(["k1", "k2"], (await Keys.ListAsync()).Select(k => k.KeyId));
        Assert.Null(await Keys.GetAsync("k3"));
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation_and_an_unknown_key_answers_null()
    {
        await Keys.CreateAsync(Key("k1", Clock.GetUtcNow()));
        var revokedAt = Clock.GetUtcNow().AddHours(1);

        var first = await Keys.RevokeAsync("k1", revokedAt, "oid-admin");
        var second = await Keys.RevokeAsync("k1", revokedAt.AddHours(1), "oid-other");

        Assert.Equal((revokedAt, "oid-admin"), (first!.RevokedAt, first.RevokedBy));
        Assert.Equal((revokedAt, "oid-admin"), (second!.RevokedAt, second.RevokedBy));
        Assert.Null(await Keys.RevokeAsync("missing", revokedAt, "oid-admin"));
    }

    [Fact]
    public async Task Uses_within_a_minute_of_the_recorded_one_do_not_move_the_last_used_time()
    {
        var created = Clock.GetUtcNow();
        await Keys.CreateAsync(Key("k1", created));

        await Keys.RecordUseAsync("k1", created.AddSeconds(10));
        await Keys.RecordUseAsync("k1", created.AddSeconds(50));
        Assert.Equal(created.AddSeconds(10), (await Keys.GetAsync("k1"))!.LastUsedAt);

        await Keys.RecordUseAsync("k1", created.AddSeconds(70));
        Assert.Equal(created.AddSeconds(70), (await Keys.GetAsync("k1"))!.LastUsedAt);
    }

    [Fact]
    public async Task A_key_without_a_full_sha256_hash_is_refused_and_nothing_is_stored()
    {
        var truncated = Key("k1", Clock.GetUtcNow()) with { SecretHash = new byte[16] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Keys.CreateAsync(truncated));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.False(await Keys.AnyAsync());
    }

    private static ApiKeyRecord Key(string id, DateTimeOffset createdAt) => new()
    {
        KeyId = id,
        DisplayName = "ops script",
        Role = "reader",
        SecretHash = SHA256.HashData(RandomNumberGenerator.GetBytes(32)),
        CreatedAt = createdAt,
        CreatedBy = "oid-1",
    };
}
