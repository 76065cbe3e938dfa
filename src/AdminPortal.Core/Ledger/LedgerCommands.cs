using System.Data.Common;

namespace AdminPortal.Core.Ledger;

/// <summary>
/// Commands on the context's connection, inside its transaction, with <c>@name</c> parameters (which both
/// Microsoft.Data.Sqlite and Npgsql take): the ledger's bulk work is plain SQL, the same text on both providers
/// unless a dialect says otherwise (<see cref="Matching.MatchingSql"/>).
/// </summary>
internal static class LedgerCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            command.Set(name, value);
        }

        return command;
    }

    /// <summary>Sets (or adds) a parameter, so that one prepared command serves every row.</summary>
    public static void Set(this DbCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Unix milliseconds, as the ledger's and the events' times are stored.</summary>
    public static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
