namespace AdminPortal.Core.AuditLogs;

/// <summary>Reads and writes an event's fields by column name, with the stored forms (Unix ms, enum names).</summary>
public static class AuditEventValues
{
    public static object? Get(AuditEvent e, string column) => column switch
    {
        nameof(AuditEvent.EventTimeUtc) => e.EventTimeUtc,
        nameof(AuditEvent.IngestedAtUtc) => e.IngestedAtUtc,
        nameof(AuditEvent.Status) => e.Status,
        nameof(AuditEvent.TargetType) => e.TargetType,
        _ => AuditEventWriter.ValueOf(e, column),
    };

    /// <summary>The field as text, as the grid and the CSV show it.</summary>
    public static string Text(AuditEvent e, string column) => Get(e, column) switch
    {
        null => "",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    internal static void Set(AuditEvent e, string column, object value)
    {
        switch (column)
        {
            case nameof(AuditEvent.EventTimeUtc): e.EventTimeUtc = FromUnixMs(value); return;
            case nameof(AuditEvent.IngestedAtUtc): e.IngestedAtUtc = FromUnixMs(value); return;
            case nameof(AuditEvent.Count): e.Count = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); return;
            case nameof(AuditEvent.Status): e.Status = Enum.TryParse<AuditEventStatus>((string)value, out var s) ? s : null; return;
            case nameof(AuditEvent.TargetType): e.TargetType = Enum.TryParse<AuditTargetType>((string)value, out var t) ? t : null; return;
        }

        var text = (string)value;
        switch (column)
        {
            case nameof(AuditEvent.EventId): e.EventId = text; break;
            case nameof(AuditEvent.Tenant): e.Tenant = text; break;
            case nameof(AuditEvent.Datasource): e.Datasource = text; break;
            case nameof(AuditEvent.ExternalRef): e.ExternalRef = text; break;
            case nameof(AuditEvent.Family): e.Family = text; break;
            case nameof(AuditEvent.WhereSource): e.WhereSource = text; break;
            case nameof(AuditEvent.WhereDestination): e.WhereDestination = text; break;
            case nameof(AuditEvent.Login): e.Login = text; break;
            case nameof(AuditEvent.Repository): e.Repository = text; break;
            case nameof(AuditEvent.Identity): e.Identity = text; break;
            case nameof(AuditEvent.Session): e.Session = text; break;
            case nameof(AuditEvent.Category): e.Category = text; break;
            case nameof(AuditEvent.Code): e.Code = text; break;
            case nameof(AuditEvent.CodeLabel): e.CodeLabel = text; break;
            case nameof(AuditEvent.Action): e.Action = text; break;
            case nameof(AuditEvent.Payload): e.Payload = text; break;
            case nameof(AuditEvent.DisplayLabel): e.DisplayLabel = text; break;
            case nameof(AuditEvent.TargetName): e.TargetName = text; break;
            case nameof(AuditEvent.TargetParent): e.TargetParent = text; break;
            case nameof(AuditEvent.SecondTarget): e.SecondTarget = text; break;
            case nameof(AuditEvent.OldValue): e.OldValue = text; break;
            case nameof(AuditEvent.NewValue): e.NewValue = text; break;
            case nameof(AuditEvent.DataJson): e.DataJson = text; break;
            case nameof(AuditEvent.RawJson): e.RawJson = text; break;
            default: SetCustom(e, column, text); break;
        }
    }

    private static readonly Dictionary<string, System.Reflection.PropertyInfo> CustomProperties =
        Enumerable.Range(1, 19).ToDictionary(i => "Custom" + i, i => typeof(AuditEvent).GetProperty("Custom" + i)!);

    private static void SetCustom(AuditEvent e, string column, string text)
    {
        if (!CustomProperties.TryGetValue(column, out var property))
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of AUDIT_LOGS.");
        }

        property.SetValue(e, text);
    }

    private static DateTime FromUnixMs(object value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime;
}
