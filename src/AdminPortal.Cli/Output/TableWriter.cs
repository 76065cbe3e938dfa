namespace AdminPortal.Cli.Output;

/// <summary>A plain table: a header row and columns padded to their widest cell, two spaces apart.</summary>
public static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var cells = rows.Select(r => r.Select(c => Clean(c)).ToArray()).ToList();
        var widths = headers.Select((h, i) => cells.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(headers, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>Name / value pairs, one per line, the names aligned: for a single item.</summary>
    public static void WritePairs(TextWriter output, IEnumerable<(string Name, string? Value)> pairs)
    {
        var list = pairs.ToList();
        var width = list.Max(p => p.Name.Length);
        foreach (var (name, value) in list)
        {
            output.WriteLine($"{(name + ":").PadRight(width + 1)}  {Clean(value)}".TrimEnd());
        }
    }

    private static string Line(IReadOnlyList<string> row, int[] widths) =>
        string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

    // A cell is one line: a multi-line error would break the columns.
    private static string Clean(string? value) =>
        string.IsNullOrEmpty(value) ? "-" : value.ReplaceLineEndings(" ").Replace('\t', ' ');
}
