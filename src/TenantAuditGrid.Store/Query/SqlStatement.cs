using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// SQL text with placeholders and the values bound to them, and optionally a <see cref="Prelude"/>: planner settings local to the
/// transaction, sent in the same command so that they hold for the statement's implicit transaction and end with it.
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
