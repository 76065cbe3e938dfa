namespace AdminPortal.Cli.Api;

/// <summary>One workbook as GET /api/workbooks lists it (its elements are only counted there).</summary>
public sealed record WorkbookSummaryItem(int Id, string Name);
