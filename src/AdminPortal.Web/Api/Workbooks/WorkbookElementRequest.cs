using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.Api.Workbooks;

/// <summary>
/// A table element: its name (AUDIT_LOGS… when empty) and the explorer's state it shows. <c>{}</c> is the explorer's default
/// view: no filter; an incremental export of it sends every new event (the time range only bounds a full snapshot).
/// </summary>
public sealed record WorkbookElementRequest
{
    public string? Name { get; init; }
    public ExplorerState State { get; init; } = new();
}
