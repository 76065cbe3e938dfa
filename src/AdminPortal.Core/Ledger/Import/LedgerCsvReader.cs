using AdminPortal.Core.AuditLogs.Collection;
using AdminPortal.Core.AuditLogs.Ingestion;
using CsvHelper;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// Reads one kind's CSV file line by line, as the collection reads a raw log (<see cref="CsvRows"/>): each row is
/// checked and either kept or rejected with its line and reason. A header that lacks a mandatory column or names an
/// unknown one refuses the file.
/// </summary>
public static class LedgerCsvReader
{
    /// <summary>The longest value kept, as for an event's names (Ingestion/README.md).</summary>
    public const int MaxValueLength = 400;

    public static async Task<LedgerFile> ReadAsync(Stream csv, LedgerCsvLayout layout, CancellationToken ct = default)
    {
        var file = new LedgerFile();
        await using var reader = CsvReader.Create(csv, CsvRows.Options(file.Rejections), leaveOpen: true);
        await reader.ReadHeaderAsync(ct);
        var headers = reader.Headers.ToArray();
        if (headers.Length == 0)
        {
            file.Refusal = $"The {layout.FileName} file is empty: it needs a header row ({Expected(layout)}).";
            return file;
        }

        var columns = new LedgerColumn?[headers.Length];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = LedgerCsvLayout.Normalize(headers[i]);
            var match = layout.Columns.FirstOrDefault(c => LedgerCsvLayout.Normalize(c.Header) == name);
            if (match.Header is null)
            {
                file.Refusal = $"line 1: '{JsonValues.Shorten(headers[i])}' is not a column of the {layout.FileName} file ({Expected(layout)}).";
                return file;
            }

            if (columns.Contains(match.Column))
            {
                file.Refusal = $"line 1: the column {match.Header} is named twice.";
                return file;
            }

            columns[i] = match.Column;
        }

        var missing = layout.Columns.Where(c => c.Mandatory && !columns.Contains(c.Column)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            file.Refusal = $"line 1: the header lacks the mandatory column(s) {string.Join(", ", missing)} ({Expected(layout)}).";
            return file;
        }

        var firstLine = new Dictionary<(string Parent, string Key), int>();
        while (await reader.ReadAsync(ct))
        {
            var line = (int)reader.LineNumber;
            var values = reader.Current.ToArray();
            if (ReadRow(line, values, columns, layout, out var problem) is not { } row)
            {
                file.Rejections.Reject(line, problem!);
                continue;
            }

            if (!firstLine.TryAdd((row.Parent, row.Key), line))
            {
                file.Rejections.Reject(line, $"duplicate of line {firstLine[(row.Parent, row.Key)]} ({Describe(layout, row)})");
                continue;
            }

            file.Rows.Add(row);
        }

        file.Rejections.Listed.Sort((a, b) => a.Line.CompareTo(b.Line));
        return file;
    }

    private static LedgerRow? ReadRow(int line, string[] values, LedgerColumn?[] columns, LedgerCsvLayout layout, out string? problem)
    {
        var cells = new Dictionary<LedgerColumn, string>();
        var refused = new HashSet<LedgerColumn>();
        var problems = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i].Trim();
            var header = layout.Columns.First(c => c.Column == columns[i]).Header;
            if (value.Contains('\0'))
            {
                refused.Add(columns[i]!.Value);
                problems.Add($"{header} contains a NUL character (U+0000)");
            }
            else if (value.Length > MaxValueLength)
            {
                refused.Add(columns[i]!.Value);
                problems.Add($"{header} is longer than {MaxValueLength} characters");
            }
            else if (value.Length > 0)
            {
                cells[columns[i]!.Value] = value;
            }
        }

        var empty = layout.Columns.Where(c => c.Mandatory && !cells.ContainsKey(c.Column) && !refused.Contains(c.Column)).Select(c => c.Header).ToList();
        if (empty.Count > 0)
        {
            problems.Insert(0, $"{string.Join(", ", empty)} {(empty.Count == 1 ? "is" : "are")} missing");
        }

        if (cells.TryGetValue(LedgerColumn.Email, out var email) && (email.IndexOf('@') is <= 0 || email.EndsWith('@')))
        {
            problems.Add($"email '{JsonValues.Shorten(email)}' is not an e-mail address");
        }

        if (cells.TryGetValue(LedgerColumn.Sid, out var sid) && !sid.StartsWith("S-", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"sid '{JsonValues.Shorten(sid)}' is not a security identifier (S-1-…)");
        }

        if (problems.Count > 0)
        {
            problem = string.Join("; ", problems);
            return null;
        }

        problem = null;
        var key = cells[LedgerColumn.Key];
        return new LedgerRow(line, cells.GetValueOrDefault(LedgerColumn.Parent, ""), key, cells.GetValueOrDefault(LedgerColumn.Name, key))
        {
            Owner = cells.GetValueOrDefault(LedgerColumn.Owner),
            Sid = cells.GetValueOrDefault(LedgerColumn.Sid)?.ToUpperInvariant(),
            GivenName = cells.GetValueOrDefault(LedgerColumn.GivenName),
            FamilyName = cells.GetValueOrDefault(LedgerColumn.FamilyName),
            Email = cells.GetValueOrDefault(LedgerColumn.Email),
            Organisation = cells.GetValueOrDefault(LedgerColumn.Organisation),
            Members = cells.TryGetValue(LedgerColumn.Members, out var members)
                ? [.. members.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct()]
                : [],
        };
    }

    /// <summary>"login jdoe in repository ad".</summary>
    internal static string Describe(LedgerCsvLayout layout, LedgerRow row)
    {
        var key = layout.Columns.First(c => c.Column == LedgerColumn.Key).Header;
        var parent = layout.Columns.FirstOrDefault(c => c.Column == LedgerColumn.Parent).Header;
        return row.Parent.Length == 0 || parent is null
            ? $"{key} {JsonValues.Shorten(row.Key)}"
            : $"{key} {JsonValues.Shorten(row.Key)} in {parent} {JsonValues.Shorten(row.Parent)}";
    }

    private static string Expected(LedgerCsvLayout layout) =>
        "columns: " + string.Join(", ", layout.Columns.Select(c => c.Mandatory ? c.Header + "*" : c.Header)) + "; * = mandatory";
}
