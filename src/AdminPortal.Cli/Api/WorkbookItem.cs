namespace AdminPortal.Cli.Api;

/// <summary>One workbook with its table elements (GET /api/workbooks/{id}).</summary>
public sealed record WorkbookItem(int Id, string Name, List<WorkbookElementItem>? Elements);
