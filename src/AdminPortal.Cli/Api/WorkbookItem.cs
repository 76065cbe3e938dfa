namespace AdminPortal.Cli.Api;

/// <summary>One workbook as GET /api/workbooks lists it, or GET /api/workbooks/{id} with its elements.</summary>
public sealed record WorkbookItem(int Id, string Name, List<WorkbookElementItem>? Elements);
