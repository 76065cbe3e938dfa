namespace AdminPortal.Core.Workbooks;

/// <summary>One workbook as the list shows it.</summary>
public sealed record WorkbookSummary(int Id, string Name, string Folder, string OwnerEmail, int Elements, DateTime UpdatedAtUtc);
