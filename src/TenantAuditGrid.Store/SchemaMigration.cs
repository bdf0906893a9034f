using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace TenantAuditGrid.Store;

/// <summary>
/// One numbered script under <c>Sql/&lt;engine&gt;/NNN_name.sql</c>, embedded in this assembly. A script that has shipped is never
/// edited: a change to the schema is a new script, so every store reaches the same schema whichever build created it.
/// </summary>
public sealed partial record SchemaMigration(int Version, string Name, string Sql)
{
    /// <summary>The clustered store's migrations (Orleans' tables and the audit store), in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Postgres { get; } = Load("Postgres");

    /// <summary>The embedded store's migrations, in version order; the version reached is kept in SQLite's <c>user_version</c>.</summary>
    public static IReadOnlyList<SchemaMigration> Sqlite { get; } = Load("Sqlite");

    /// <summary>Versions must run 1, 2, 3, … without gaps or repeats.</summary>
    private static List<SchemaMigration> Load(string engine)
    {
        var prefix = $"TenantAuditGrid.Store.Sql.{engine}.";
        var assembly = typeof(SchemaMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name, prefix))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{engine} migrations must be numbered 001, 002, … without gaps; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static SchemaMigration FromResource(Assembly assembly, string resourceName, string prefix)
    {
        var fileName = resourceName[prefix.Length..^".sql".Length];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration resource '{resourceName}' is not named NNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), fileName, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{3})_[a-z0-9_]+$")]
    private static partial Regex FileNamePattern();
}
