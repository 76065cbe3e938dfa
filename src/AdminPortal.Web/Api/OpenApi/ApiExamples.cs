using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Web.Api.Integrations;
using AdminPortal.Web.Api.Workbooks;

namespace AdminPortal.Web.Api.OpenApi;

/// <summary>The request examples of the OpenAPI document that are longer than a line (AWS's documented example keys).</summary>
public static class ApiExamples
{
    private static readonly Guid IntegrationId = Guid.Parse("0193a5c2-7d1e-7b4a-9f0e-2c3d4e5f6a7b");

    public static CreateIntegrationRequest CreateS3Integration { get; } = new()
    {
        Name = "s3_audit_logs",
        AuthMethod = IntegrationAuthMethod.AwsAccessKey,
        Destination = new DestinationInput { Bucket = "acme-audit-logs", Prefix = "adminportal/", Region = "us-east-1" },
        AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
        Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };

    public static EditDestinationRequest EditDestination { get; } = new()
    {
        Destination = new DestinationInput { Bucket = "acme-audit-logs-eu", Prefix = "adminportal/", Region = "eu-west-1" },
        UpdateLinkedExports = true,
    };

    public static WorkbookElementRequest WorkbookElement { get; } = new() { Name = "All audit events", State = new ExplorerState { Range = "30d" } };

    public static CreateWorkbookRequest CreateWorkbook { get; } = new() { Name = "Audit log export", Folder = "Automation", Element = WorkbookElement };

    public static ScheduleExportCommand Schedule { get; } = new()
    {
        Name = "Audit log to S3 every 12 hours",
        WorkbookId = 1,
        TableElementId = 1,
        IntegrationId = IntegrationId,
        UriTemplate = "audit/{yyyy}/{MM}/{dd}/events-{run}-{part}.csv.gz",
        Format = ExportFormat.Csv,
        Gzip = true,
        Mode = ExportMode.Incremental,
        FirstRun = ExportFirstRun.WorkbookRange,
        IncludeIdentityColumns = false,
        FrequencyKind = ExportFrequencyKind.EveryHours,
        EveryHours = 12,
        TimeZoneId = "UTC",
    };
}
