namespace AdminPortal.Benchmarks;

/// <summary>One printed figure: what was measured, its baseline from the same run, their ratio and the target.</summary>
internal sealed record Figure(string Name, string Value, string Baseline, double Ratio, string Target, bool Met, string? Note = null);

/// <summary>The table printed at the end of a run.</summary>
internal sealed class Report
{
    private readonly List<Figure> figures = [];

    public void Add(Figure figure) => figures.Add(figure);

    public void AddRange(IEnumerable<Figure> more) => figures.AddRange(more);

    public void Print(TextWriter output)
    {
        string[] header = ["figure", "measured", "baseline", "ratio", "target", "met"];
        var rows = figures.Select(f => new[] { f.Name, f.Value, f.Baseline, $"{f.Ratio:0.00}x", f.Target, f.Met ? "yes" : "NO" }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

        output.WriteLine();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }

        output.WriteLine();
        output.WriteLine("ratio = measured / baseline for times, baseline / measured for rates: 1.00x is as fast as the baseline.");
        foreach (var f in figures.Where(f => f.Note is not null))
        {
            output.WriteLine($"{f.Name}: {f.Note}");
        }

        var missed = figures.Count(f => !f.Met);
        output.WriteLine(missed == 0 ? "All targets met." : $"{missed} of {figures.Count} targets missed.");
    }
}
