namespace AdminPortal.Web.Api.Workbooks;

/// <summary>PUT /api/workbooks/{id}: a new name and folder.</summary>
public sealed record RenameWorkbookRequest
{
    public string Name { get; init; } = "";
    public string? Folder { get; init; }
}
