using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Cli.Commands;
using AdminPortal.Cli.Configuration;
using AdminPortal.Cli.ExportConfigs;

namespace AdminPortal.Cli.Api;

/// <summary>Source-generated JSON for every type the CLI sends, reads or prints: camelCase, as the API speaks.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliSettings))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(CreateIntegrationRequest))]
[JsonSerializable(typeof(IntegrationItem))]
[JsonSerializable(typeof(List<IntegrationItem>))]
[JsonSerializable(typeof(IntegrationTestAnswer))]
[JsonSerializable(typeof(List<LinkedExportItem>))]
[JsonSerializable(typeof(List<WorkbookSummaryItem>))]
[JsonSerializable(typeof(WorkbookItem))]
[JsonSerializable(typeof(CreateWorkbookRequest))]
[JsonSerializable(typeof(ElementRequest))]
[JsonSerializable(typeof(CreatedWorkbook))]
[JsonSerializable(typeof(ScheduleItem))]
[JsonSerializable(typeof(List<ScheduleItem>))]
[JsonSerializable(typeof(CreateScheduleRequest))]
[JsonSerializable(typeof(CreatedId))]
[JsonSerializable(typeof(SendNowAnswer))]
[JsonSerializable(typeof(RunItem))]
[JsonSerializable(typeof(List<RunItem>))]
[JsonSerializable(typeof(PauseRequest))]
[JsonSerializable(typeof(ExportConfigView))]
[JsonSerializable(typeof(IReadOnlyList<ExportConfigView>))]
[JsonSerializable(typeof(DeletedAnswer))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
