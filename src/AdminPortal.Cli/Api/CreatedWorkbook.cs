namespace AdminPortal.Cli.Api;

/// <summary>What POST /api/workbooks (id and elementId) or POST /api/workbooks/{id}/elements (id or elementId) answers.</summary>
public sealed record CreatedWorkbook(int? Id, int? ElementId);
