using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.Api.Workbooks;

/// <summary>A table element and the explorer's state it shows.</summary>
public sealed record WorkbookElementResponse(int Id, string Name, ExplorerState State);
