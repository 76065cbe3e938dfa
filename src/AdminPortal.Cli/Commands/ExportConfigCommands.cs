using System.CommandLine;
using System.Text.Json;
using AdminPortal.Cli.Api;
using AdminPortal.Cli.ExportConfigs;
using AdminPortal.Cli.Output;

namespace AdminPortal.Cli.Commands;

/// <summary><c>adminportal audit exportConfig …</c>: Immuta's verbs.</summary>
public sealed class ExportConfigCommands(CommandRunner runner)
{
    private TextWriter Out => runner.Environment.Out;

    private TextWriter Error => runner.Environment.Error;

    public Command Build()
    {
        var exportConfig = new Command("exportConfig", "Audit log exports to S3, Azure (ADLS) or GCS, as Immuta's CLI configures them.");
        foreach (var kind in Enum.GetValues<ExportConfigKind>())
        {
            exportConfig.Subcommands.Add(Create(kind));
        }

        exportConfig.Subcommands.Add(List());
        exportConfig.Subcommands.Add(WithId("get", "Show one exportConfig with its integration's connection status.", async (service, id, parse, ct) =>
            WriteView(parse, await service.GetAsync(id, ct))));
        exportConfig.Subcommands.Add(WithId("delete", "Delete the exportConfig's schedule, and its integration when nothing else uses it.", async (service, id, parse, ct) =>
        {
            var integrationToo = await service.DeleteAsync(id, ct);
            Write(parse, new DeletedAnswer(id, integrationToo), CliJsonContext.Default.DeletedAnswer,
                () => Out.WriteLine(integrationToo ? $"Deleted exportConfig {id} and its integration." : $"Deleted exportConfig {id}; its integration is kept: other exports use it."));
        }));
        exportConfig.Subcommands.Add(WithId("enable", "Resume the exportConfig's schedule.", async (service, id, parse, ct) =>
        {
            await service.EnableAsync(id, ct);
            WriteView(parse, await service.ScheduleViewAsync(id, ct));
        }));
        exportConfig.Subcommands.Add(WithId("disable", "Pause the exportConfig's schedule (nothing is sent until enable).", async (service, id, parse, ct) =>
        {
            await service.DisableAsync(id, ct);
            WriteView(parse, await service.ScheduleViewAsync(id, ct));
        }));
        exportConfig.Subcommands.Add(WithId("test", "Test the connection of the exportConfig's integration.", async (service, id, parse, ct) =>
        {
            var answer = await service.TestAsync(id, ct);
            Write(parse, answer, CliJsonContext.Default.IntegrationTestAnswer,
                () => TableWriter.WritePairs(Out, [("Succeeded", answer.Succeeded ? "yes" : "no"), ("Status", answer.Status), ("Hint", answer.Hint)]));
            if (!answer.Succeeded)
            {
                throw new ExportConnectionFailedException(answer);
            }
        }));
        exportConfig.Subcommands.Add(SendNow());
        exportConfig.Subcommands.Add(WithId("runs", "The exportConfig's run history, newest first.", async (service, id, parse, ct) =>
        {
            var runs = await service.RunsAsync(id, ct);
            Write(parse, runs, CliJsonContext.Default.ListRunItem, () => TableWriter.Write(Out,
                ["RUN", "STATUS", "TRIGGER", "STARTED", "FINISHED", "ROWS", "BYTES", "PARTS", "ERROR"],
                runs.Select(r => (IReadOnlyList<string?>)[r.Id.ToString(), r.Status, r.Trigger, Formats.Time(r.StartedAtUtc), Formats.Time(r.FinishedAtUtc),
                    Formats.Number(r.Rows), Formats.Number(r.Bytes), Formats.Number(r.Parts), r.Error])));
        }));
        return exportConfig;
    }

    private Command Create(ExportConfigKind kind)
    {
        var file = new Argument<string>("file") { Description = "The exportConfig JSON file (see the README for each cloud's fields)." };
        var command = new Command(ExportConfigFields.Verb(kind), Describe(kind)) { file };
        command.SetAction((parse, ct) => runner.RunAsync(parse, async (service, token) =>
        {
            var plan = ExportConfigMapper.Map(kind, ExportConfigDocument.Load(parse.GetValue(file)!));
            var view = await service.CreateAsync(plan, token);
            WriteView(parse, view, $"Created exportConfig {view.Id}.");
        }, ct));
        return command;
    }

    private Command List()
    {
        var command = new Command("list", "The exportConfigs (schedules of the \"Audit log export\" workbook).");
        command.SetAction((parse, ct) => runner.RunAsync(parse, async (service, token) =>
        {
            var views = await service.ListAsync(token);
            Write(parse, views, CliJsonContext.Default.IReadOnlyListExportConfigView, () => TableWriter.Write(Out,
                ["ID", "NAME", "ENABLED", "INTERVAL", "DESTINATION", "LAST RUN", "LAST RUN AT", "NEXT RUN AT"],
                views.Select(v => (IReadOnlyList<string?>)[v.Id.ToString(), v.Name, v.Enabled ? "yes" : "no", v.Interval ?? v.Frequency, v.Destination,
                    v.LastRunStatus, Formats.Time(v.LastRunAtUtc), Formats.Time(v.NextRunUtc)])));
        }, ct));
        return command;
    }

    private Command SendNow()
    {
        var wait = new Option<bool>("--wait") { Description = "Wait until the run ends; exit 1 if it fails." };
        var command = WithId("send-now", "Run the export now (the events since the last successful run).", async (service, id, parse, ct) =>
        {
            var json = runner.Json(parse);
            var last = "";
            var run = await service.SendNowAsync(id, parse.GetValue(wait), progress: json ? null : r =>
            {
                var line = $"Running: {Formats.Number(r.Progress?.Rows ?? r.Rows ?? 0)} rows, {Formats.Number(r.Progress?.Bytes ?? r.Bytes ?? 0)} bytes";
                if (line != last)
                {
                    Error.WriteLine(line);
                    last = line;
                }
            }, ct);
            Write(parse, run, CliJsonContext.Default.RunItem, () => TableWriter.WritePairs(Out,
            [
                ("Run", run.Id.ToString()), ("Status", run.Status), ("Started", Formats.Time(run.StartedAtUtc)),
                ("Finished", Formats.Time(run.FinishedAtUtc)), ("Rows", Formats.Number(run.Rows)), ("Bytes", Formats.Number(run.Bytes)),
                ("Parts", Formats.Number(run.Parts)), ("Error", run.Error),
            ]));
        });
        command.Options.Add(wait);
        return command;
    }

    private Command WithId(string name, string description, Func<ExportConfigService, Guid, ParseResult, CancellationToken, Task> body)
    {
        var id = new Argument<string>("id") { Description = "The exportConfig's id, as list prints it." };
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => runner.RunAsync(parse, (service, token) => body(service, CommandRunner.ParseId(parse.GetValue(id)), parse, token), ct));
        return command;
    }

    private void WriteView(ParseResult parse, ExportConfigView view, string? heading = null) =>
        Write(parse, view, CliJsonContext.Default.ExportConfigView, () =>
        {
            if (heading is not null)
            {
                Out.WriteLine(heading);
            }

            List<(string, string?)> pairs =
            [
                ("Id", view.Id.ToString()), ("Name", view.Name), ("Enabled", view.Enabled ? "yes" : "no"), ("Interval", view.Interval ?? view.Frequency),
                ("Destination", view.Destination), ("Format", view.Format), ("Identity columns", view.IncludeIdentityColumns ? "yes" : "no"), ("Integration", $"{view.IntegrationName} ({view.IntegrationId})"),
            ];
            if (view.AuthMethod is not null)
            {
                // Only when the integration was read (get, create): enable and disable need no admin scope and skip it.
                pairs.AddRange([("Cloud", view.Cloud), ("Auth method", view.AuthMethod), ("Connection", view.ConnectionStatus), ("Last test", view.LastTestStatus)]);
            }

            pairs.AddRange([("Last run", view.LastRunStatus), ("Last run at", Formats.Time(view.LastRunAtUtc)), ("Next run at", Formats.Time(view.NextRunUtc))]);
            if (!view.Enabled)
            {
                pairs.Add(("Paused because", view.PauseReason));
            }

            TableWriter.WritePairs(Out, pairs);
        });

    private void Write<T>(ParseResult parse, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Action table)
    {
        if (runner.Json(parse))
        {
            Out.WriteLine(JsonSerializer.Serialize(value, type));
        }
        else
        {
            table();
        }
    }

    private static string Describe(ExportConfigKind kind) => kind switch
    {
        ExportConfigKind.S3AccessKey => "Export to S3 (or an S3-compatible store) with an access key: interval, bucket, path, region, accessKeyId, secretAccessKey.",
        ExportConfigKind.S3AssumedRole => "Export to S3 through your IAM role, assumed by the portal: interval, bucket, path, region, roleArn.",
        ExportConfigKind.Adls => "Export to Azure (ADLS Gen2 / Blob) with a SAS token: interval, storageAccount, fileSystem, path, sasToken.",
        _ => "Export to Google Cloud Storage: interval, bucket, path, serviceAccountKey (or none: the portal's service account).",
    };
}
