using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Benchmarks;

/// <summary>
/// The sqlite3 command-line shell, the baseline: the same SQLite work with no .NET, no ADO.NET and no portal code.
/// Statements are timed by the shell itself (.timer on), so process start and script parsing do not count.
/// </summary>
internal static partial class SqliteShell
{
    private const string Executable = "sqlite3";

    /// <summary>Runs the script against the file and returns the shell's wall-clock time of each timed statement, in ms.</summary>
    public static async Task<IReadOnlyList<double>> TimeAsync(string dbPath, string script, bool readOnly, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-bail");
        if (readOnly)
        {
            start.ArgumentList.Add("-readonly");
        }

        start.ArgumentList.Add(dbPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start: install it (apt-get install sqlite3).");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.StandardInput.WriteAsync(script.AsMemory(), ct);
        process.StandardInput.Close();
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 || (await errors).Length > 0)
        {
            throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {await errors}");
        }

        return RunTime().Matches(await output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000).ToList();
    }

    /// <summary>The shell's SQLite version, e.g. "3.40.1".</summary>
    public static async Task<string> VersionAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start: install it (apt-get install sqlite3).");
        var version = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return version.Split(' ')[0];
    }

    /// <summary>The command's SQL with its parameters written as literals, for the shell.</summary>
    public static string Inline(SqliteCommand command)
    {
        var values = command.Parameters.Cast<SqliteParameter>().ToDictionary(p => p.ParameterName, p => p.Value);
        return Parameter().Replace(command.CommandText, m => values.TryGetValue(m.Value, out var value) ? Literal(value) : m.Value) + ";";
    }

    /// <summary>A script that runs the statements once to warm the cache, then times them <paramref name="runs"/> times.</summary>
    public static string Repeat(IReadOnlyList<string> statements, int runs)
    {
        var script = new StringBuilder(".output /dev/null\n");
        script.AppendJoin('\n', statements).Append('\n');
        script.Append(".timer on\n");
        for (var i = 0; i < runs; i++)
        {
            script.AppendJoin('\n', statements).Append('\n');
        }

        return script.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No SQL literal for {value.GetType().Name}."),
    };

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"Run Time: real (\d+\.\d+)")]
    private static partial Regex RunTime();
}
