using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// SQL text with placeholders and the values bound to them, and optionally a <see cref="Prelude"/>: planner settings for this
/// statement alone (<c>SET LOCAL</c>), sent in the same command so they hold for its implicit transaction and end with it.
/// </summary>
public sealed record SqlStatement(string Text, IReadOnlyList<KeyValuePair<string, object>> Parameters, string? Prelude = null)
{
    public DbCommand CreateCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = Prelude is null ? Text : $"{Prelude}; {Text}";
        foreach (var (name, value) in Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
