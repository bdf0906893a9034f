using System.Security.Cryptography;
using System.Text;

namespace TenantAuditGrid.Store.Tests;

/// <summary>
/// A migration that has shipped is never edited: stores it already ran on would never see the change, so two stores of the same version
/// would differ (the SQLite <c>ix_security_actions_newest</c> index once went into a released 001 that way). Every script's content is
/// pinned here; a schema change is a new numbered script, whose line is added below when it is written.
/// </summary>
public sealed class ReleasedMigrationsTests
{
    private static readonly Dictionary<string, string> Released = new(StringComparer.Ordinal)
    {
        ["Postgres/001_orleans_clustering"] = "f4c62f57e4beeb17704e132344886bbe558061bc609fa4f818f0c45360373755",
        ["Postgres/002_orleans_persistence"] = "ffd26b04ced8f6d6b4bccf98645460ed289d6518236c0f2086e8f2a7d4a90589",
        ["Postgres/003_orleans_reminders"] = "8f54ad5457798ca44fae07b8e669b8fe286b1fe4136eb632b434310dccdac121",
        ["Postgres/004_audit_events"] = "586383848d12d13e0eb352eb8bac14f282b855922e0bfca60e9031da4a72770b",
        ["Postgres/005_tenant_status"] = "943200787fcde3ec17929e502582715dfe31768d8edafc91f515abd636a31b68",
        ["Postgres/006_cross_tenant_keyset_index"] = "448cfbe581125297467f05c5c0a23d028cc54dba000804ac3b7ba699648152ef",
        ["Postgres/007_audit_event_counts"] = "410542f0f583a6bb57082efff2de423ed9f6502364ab5af9f93e16fbfcdd18d0",
        ["Postgres/008_case_insensitive_indexes"] = "e227d133b238384264f85befe7e67da2d1d2d33de7cc83019ce07c35ce8bd8fd",
        ["Postgres/009_tenant_category_rollups"] = "aa02e7d06edbc1d8550c44773ec3ff83fad4dcf28f67b79e38d5811278e94795",
        ["Postgres/010_security_actions_newest_first"] = "d33cdd1eb4d52156d0ccf7a124fb2db0358a95e70d966af0dcc9464dc9d63f3b",
        ["Postgres/011_api_keys"] = "4a7c70aebbc288ad8c97aeebe718df5d34d7a1fc0452ff182c7f451e903142ee",
        ["Postgres/012_customers"] = "2e40c9dd51d4f29a54ccf1dc858f4894a1b66ad5fdd3863b1b92360f4c70b29d",
        ["Postgres/013_session_keys"] = "f030080225d4b97155522227562d26f974ce1f5353010f9110e0b64bb03775d4",
        ["Sqlite/001_initial_tables"] = "2b8f5110f01e545a0fe4db0a339a55481e7f2566ee21a8a3d54dc4218160afb9",
        ["Sqlite/002_count_rollups_and_case_insensitive_indexes"] = "941ec2b274f2ae9f36662bc8989160e11b1adce28fc606ce312d2f42cf769538",
        ["Sqlite/003_tenant_category_rollups"] = "64cfea219fd6ceea4542eeadd32e65d750601b7fe694894686578c23487ad806",
        ["Sqlite/004_security_actions_newest_first"] = "6b63abef879006c2061ece9cc62f78dc74d472065f8d86b9c54cfb50d4bfcbd9",
        ["Sqlite/005_api_keys"] = "a88b8d362f93ea58f2d5e35856f5ebfa34ef4c55251ae58f51f586f8fe7527d9",
        ["Sqlite/006_customers"] = "484db0e38b088a480296f1ee4e25d5d39dfaf35351ed844cdaeb827b2fae8833",
        ["Sqlite/007_session_keys"] = "ac7e1754784ec89af516b9d2d2177d9b65a4d2808a8a92a8bb0227276763d098",
    };

    public static TheoryData<string> Engines => ["Postgres", "Sqlite"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_migration_is_pinned_and_unchanged_since_it_was_written(string engine)
    {
        var migrations = engine == "Postgres" ? SchemaMigration.Postgres : SchemaMigration.Sqlite;
        var actual = migrations.ToDictionary(m => $"{engine}/{m.Name}", m => Hash(m.Sql), StringComparer.Ordinal);
        var pinned = Released.Where(r => r.Key.StartsWith(engine + "/", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);

        Assert.Empty(actual.Keys.Except(pinned.Keys).Select(name => $"{name} is not pinned: add its line to ReleasedMigrationsTests"));
        Assert.Empty(pinned.Keys.Except(actual.Keys).Select(name => $"{name} was removed; a released migration stays"));
        Assert.Empty(actual.Where(m => pinned[m.Key] != m.Value).Select(m => $"{m.Key} was edited; write a new migration instead"));
    }

    private static string Hash(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
}
