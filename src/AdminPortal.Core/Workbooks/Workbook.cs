namespace AdminPortal.Core.Workbooks;

/// <summary>A saved exploration: one or more table elements over AUDIT_LOGS, owned by the user who saved it.</summary>
public sealed class Workbook
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Folder { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string OwnerEmail { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public List<TableElement> Elements { get; set; } = [];
}

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
