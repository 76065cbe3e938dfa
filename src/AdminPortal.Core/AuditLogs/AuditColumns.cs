namespace AdminPortal.Core.AuditLogs;

/// <summary>The columns of AUDIT_LOGS, in display order: the one list the explorer, the store and the CSV export share.</summary>
public static class AuditColumns
{
    public static readonly IReadOnlyList<AuditColumn> All = Build();

    private static readonly Dictionary<string, AuditColumn> ByName = All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static AuditColumn? Find(string? name) => name is not null && ByName.TryGetValue(name, out var column) ? column : null;

    public static IReadOnlyList<string> DefaultVisible { get; } = All.Where(c => c.ShownByDefault).Select(c => c.Name).ToList();

    private static List<AuditColumn> Build()
    {
        var columns = new List<AuditColumn>
        {
            new(nameof(AuditEvent.EventTimeUtc), "Event time (UTC)", AuditColumnKind.Time, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.Family), "Family", AuditColumnKind.Text, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.Datasource), "Datasource", AuditColumnKind.Text, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.Login), "Login", AuditColumnKind.Text, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.Action), "Action", AuditColumnKind.Text, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.Status), "Status", AuditColumnKind.Status, Indexed: true, ShownByDefault: true),
            new(nameof(AuditEvent.TargetType), "Target type", AuditColumnKind.TargetType, ShownByDefault: true),
            new(nameof(AuditEvent.TargetName), "Target name", AuditColumnKind.Text, ShownByDefault: true),
            new(nameof(AuditEvent.CodeLabel), "Code label", AuditColumnKind.Text),
            new(nameof(AuditEvent.Code), "Code", AuditColumnKind.Text),
            new(nameof(AuditEvent.Category), "Category", AuditColumnKind.Text),
            new(nameof(AuditEvent.Repository), "Repository", AuditColumnKind.Text),
            new(nameof(AuditEvent.Identity), "Identity", AuditColumnKind.Text),
            new(nameof(AuditEvent.Session), "Session", AuditColumnKind.Text),
            new(nameof(AuditEvent.WhereSource), "Source", AuditColumnKind.Text),
            new(nameof(AuditEvent.WhereDestination), "Destination", AuditColumnKind.Text),
            new(nameof(AuditEvent.Tenant), "Tenant", AuditColumnKind.Text),
            new(nameof(AuditEvent.ExternalRef), "External ref", AuditColumnKind.Text),
            new(nameof(AuditEvent.Count), "Count", AuditColumnKind.Number),
            new(nameof(AuditEvent.DisplayLabel), "Display label", AuditColumnKind.Text),
            new(nameof(AuditEvent.TargetParent), "Target parent", AuditColumnKind.Text),
            new(nameof(AuditEvent.SecondTarget), "Second target", AuditColumnKind.Text),
            new(nameof(AuditEvent.OldValue), "Old value", AuditColumnKind.Text),
            new(nameof(AuditEvent.NewValue), "New value", AuditColumnKind.Text),
            new(nameof(AuditEvent.Payload), "Payload", AuditColumnKind.Text),
            new(nameof(AuditEvent.DataJson), "Data", AuditColumnKind.Text),
            new(nameof(AuditEvent.EventId), "Event id", AuditColumnKind.Text, Indexed: true),
            new(nameof(AuditEvent.IngestedAtUtc), "Ingested (UTC)", AuditColumnKind.Time),
        };
        for (var i = 1; i <= 19; i++)
        {
            columns.Add(new("Custom" + i, "Custom " + i, AuditColumnKind.Text));
        }

        return columns;
    }
}
