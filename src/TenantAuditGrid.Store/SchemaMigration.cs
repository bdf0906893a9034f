using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace TenantAuditGrid.Store.Postgres;

/// <summary>One numbered script under <c>Sql/Postgres/NNN_name.sql</c>, embedded in this assembly.</summary>
public sealed partial record SchemaMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "TenantAuditGrid.Store.Sql.Postgres.";

    /// <summary>All embedded migrations in version order; versions must run 1, 2, 3, … without gaps or repeats.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } = Load();

    private static List<SchemaMigration> Load()
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL migrations must be numbered 001, 002, … without gaps; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static SchemaMigration FromResource(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
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
