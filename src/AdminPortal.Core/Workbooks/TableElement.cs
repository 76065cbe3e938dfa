namespace AdminPortal.Core.Workbooks;

/// <summary>One table of a workbook: its columns, filters, sort and time range, stored as the explorer's query JSON.</summary>
public sealed class TableElement
{
    public int Id { get; set; }
    public int WorkbookId { get; set; }
    public string Name { get; set; } = "AUDIT_LOGS";
    public int Position { get; set; }

    /// <summary>The saved <see cref="AuditLogs.Explorer.ExplorerState"/> as JSON.</summary>
    public string StateJson { get; set; } = "{}";
}
