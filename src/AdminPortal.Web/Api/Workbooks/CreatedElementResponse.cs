namespace AdminPortal.Web.Api.Workbooks;

/// <summary>The new table element.</summary>
public sealed record CreatedElementResponse(int Id);
