namespace AdminPortal.Cli.Api;

/// <summary>POST /api/workbooks: a workbook with its first element.</summary>
public sealed record CreateWorkbookRequest(string Name, string? Folder, ElementRequest Element);
