using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>SQL text with placeholders and the values bound to them.</summary>
public sealed record SqlStatement(string Text, IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    public DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Text;
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
