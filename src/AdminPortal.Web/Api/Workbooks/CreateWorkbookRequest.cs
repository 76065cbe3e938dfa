namespace AdminPortal.Web.Api.Workbooks;

/// <summary>POST /api/workbooks: Save As, with the first table element.</summary>
public sealed record CreateWorkbookRequest
{
    public string Name { get; init; } = "";
    public string? Folder { get; init; }
    public WorkbookElementRequest Element { get; init; } = new();
}
