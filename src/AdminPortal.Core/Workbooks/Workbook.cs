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
