namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>The raw log's header: column names and their positions, matched without case.</summary>
internal sealed class RawLogColumns(IReadOnlyList<string> names)
{
    private readonly Dictionary<string, int> _index = names
        .Select((name, i) => (name: name.Trim(), i))
        .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Names { get; } = names;

    public int? IndexOf(string name) => _index.TryGetValue(name.Trim(), out var i) ? i : null;
}
