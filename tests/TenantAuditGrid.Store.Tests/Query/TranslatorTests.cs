using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>What the translator emits: caller values only as parameters, the dialect differences, and typed errors.</summary>
public sealed class TranslatorTests
{
    public static TheoryData<SqlDialect> Dialects => new() { PostgresDialect.Instance, SqliteDialect.Instance };

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Caller_values_reach_the_database_only_as_parameters(SqlDialect dialect)
    {
        const string hostile = "x'); DROP TABLE audit_events; --";
        var filter = Parsers.DirectoryAuditFilter(
            $"category eq '{hostile.Replace("'", "''", StringComparison.Ordinal)}' or startswith(activityDisplayName, '50%_off') " +
            "or targetResources/any(t: t/displayName eq 'Robert''); --') or activityDateTime ge 2026-01-01T00:00:00Z")!;
        var parameters = new SqlParameters();

        var sql = new FilterSqlTranslator(dialect, parameters, AuditCollection.DirectoryAudits).Translate(filter.Expression);

        Assert.DoesNotContain("DROP", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Robert", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("50", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("2026", sql, StringComparison.Ordinal);
        Assert.Contains(parameters.Values, p => Equals(p.Value, hostile));
        Assert.Contains(parameters.Values, p => Equals(p.Value, "Robert'); --"));
        Assert.All(parameters.Values, p => Assert.Contains(p.Key, sql, StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_uses_jsonb_and_escapes_like_wildcards_in_the_parameter()
    {
        var parameters = new SqlParameters();
        var sql = new FilterSqlTranslator(PostgresDialect.Instance, parameters, AuditCollection.DirectoryAudits).Translate(
            Parsers.DirectoryAuditFilter("targetResources/any(t: startswith(t/displayName, '50%_x'))")!.Expression);

        Assert.Contains("jsonb_array_elements", sql, StringComparison.Ordinal);
        Assert.Contains("LIKE", sql, StringComparison.Ordinal);
        Assert.Equal(@"50\%\_x%", parameters.Values.Single().Value);
    }

    [Fact]
    public void Postgres_adds_a_gin_friendly_containment_test_for_lambda_equality()
    {
        var parameters = new SqlParameters();
        var sql = new FilterSqlTranslator(PostgresDialect.Instance, parameters, AuditCollection.DirectoryAudits).Translate(
            Parsers.DirectoryAuditFilter("targetResources/any(t: t/id eq 'a\"b')")!.Expression);

        Assert.Contains("(lower((payload -> 'targetResources')::text)::jsonb) @> CAST(", sql, StringComparison.Ordinal);
        Assert.Contains("EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains(parameters.Values, p => Equals(p.Value, "[{\"id\":\"a\\u0022b\"}]") || Equals(p.Value, "[{\"id\":\"a\\\"b\"}]"));
    }

    [Fact]
    public void Sqlite_uses_json_each_and_a_case_insensitive_prefix_test_without_like()
    {
        var parameters = new SqlParameters();
        var sql = new FilterSqlTranslator(SqliteDialect.Instance, parameters, AuditCollection.DirectoryAudits).Translate(
            Parsers.DirectoryAuditFilter("additionalDetails/any(a: startswith(a/value, 'Gu'))")!.Expression);

        Assert.Contains("json_each", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LIKE", sql, StringComparison.Ordinal);
        Assert.Contains("lower(", sql, StringComparison.Ordinal);
        Assert.Equal("Gu", parameters.Values.Single().Value);
    }

    [Fact]
    public void Indexed_columns_are_used_for_initiator_paths_and_json_for_the_rest()
    {
        var parameters = new SqlParameters();
        var sql = new FilterSqlTranslator(PostgresDialect.Instance, parameters, AuditCollection.DirectoryAudits).Translate(
            Parsers.DirectoryAuditFilter("initiatedBy/user/userPrincipalName eq 'a@b' and initiatedBy/user/ipAddress eq '10.0.0.1'")!.Expression);

        Assert.Contains("initiated_by_user_upn", sql, StringComparison.Ordinal);
        Assert.Contains("payload #>> '{initiatedBy,user,ipAddress}'", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("category eq 'a\u0000b'", "NUL")]
    [InlineData("activityDateTime add duration'PT1H' eq 2026-01-01T00:00:00Z", "not supported")]
    [InlineData("category eq loggedByService", "literal")]
    [InlineData("activityDateTime eq 'yesterday'", "binary operator")]
    public void Unsupported_constructs_are_typed_validation_errors(string filter, string named)
    {
        var error = Assert.Throws<QueryValidationException>(() => Parsers.DirectoryAuditFilter(filter));
        Assert.Equal("BadRequest", error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_token_round_trips_and_rejects_tampering_and_other_queries()
    {
        var protector = new SkipTokenProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var key = new AuditPageKey(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), Guid.NewGuid().ToString(), "Directory_ü_1");
        byte[] fingerprint = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

        var token = protector.Protect(key, fingerprint);

        Assert.Equal(key, protector.Unprotect(token, fingerprint));
        byte[] other = [.. fingerprint[..15], 99];
        Assert.Throws<QueryValidationException>(() => protector.Unprotect(token, other));
        var flipped = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        Assert.Throws<QueryValidationException>(() => protector.Unprotect(flipped, fingerprint));
        var otherKey = new SkipTokenProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Throws<QueryValidationException>(() => otherKey.Unprotect(token, fingerprint));
    }
}
