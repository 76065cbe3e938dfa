namespace AdminPortal.Web.Api.Workbooks;

/// <summary>The new workbook and its first table element.</summary>
public sealed record CreatedWorkbookResponse(int Id, int ElementId);
