namespace AdminPortal.Core.AuditLogs;

/// <summary>One column of AUDIT_LOGS: its property, SQL column, title and how it is filtered.</summary>
public sealed record AuditColumn(string Name, string Title, AuditColumnKind Kind, bool Indexed = false, bool ShownByDefault = false)
{
    /// <summary>The SQL column; property names are used as column names.</summary>
    public string Sql => "\"" + Name + "\"";
}
