using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Core.Security;
using AdminPortal.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Exports;

/// <summary>
/// The export engine end to end (events in the store, parts in the S3 emulator), on each provider
/// (<see cref="SqliteExportEngineTests"/>, <see cref="PostgreSqlExportEngineTests"/>).
/// </summary>
public abstract class ExportEngineTests(StoragePeers peers, ExportsPortal portal) : IDisposable
{
    private const string HourlyCsv = "audit/{yyyy}/{MM}/{dd}/{HH}/events-{run}-{part}.csv.gz";

    // Three hours of events, inside the element's 30-day range.
    private static readonly DateTime Start = DateTime.UtcNow.Date.AddDays(-2).AddHours(10).AddMinutes(5);

    public void Dispose() => portal.Faults.Clear();

    private async Task<(Guid Schedule, Guid Integration)> SetUpAsync(string family, string cloud = "s3", ExportFormat format = ExportFormat.Csv,
        bool gzip = true, string template = HourlyCsv, ExportMode mode = ExportMode.Incremental, string? search = null,
        ExportFirstRun firstRun = ExportFirstRun.WorkbookRange, IReadOnlyList<string>? columns = null, bool identityColumns = false,
        string? eventsFamily = null)
    {
        var integration = await portal.IntegrationAsync(peers, cloud, $"{cloud}_{family.Replace('-', '_')}", $"exports/{family}/");
        var (workbook, element) = await portal.WorkbookAsync(eventsFamily ?? family, columns, search);
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook,
            TableElementId = element,
            IntegrationId = integration,
            UriTemplate = template,
            Format = format,
            Gzip = gzip,
            Mode = mode,
            FirstRun = firstRun,
            IncludeIdentityColumns = identityColumns,
            FrequencyKind = ExportFrequencyKind.EveryHours,
            EveryHours = 6,
        });
        return (schedule, integration);
    }

    private async Task<ExportRun> RunAsync(Guid schedule, ExportTrigger trigger = ExportTrigger.Manual)
    {
        var run = await portal.Engine.RunAsync(schedule, trigger, PortalFactory.AdminEmail);
        return Assert.IsType<ExportRun>(run);
    }

    /// <summary>The event ids in every data object (not the manifests), in object order.</summary>
    internal static async Task<List<string?>> EventIdsAsync(SortedDictionary<string, (byte[] Stored, byte[] Content)> objects, ExportFormat format)
    {
        var ids = new List<string?>();
        foreach (var o in objects.Where(o => !o.Key.Contains("_manifests/", StringComparison.Ordinal)))
        {
            ids.AddRange((await RowsAsync(o.Value.Content, format)).Select(r => r[nameof(AuditEvent.EventId)]));
        }

        return ids;
    }

    private static async Task<List<Dictionary<string, string?>>> RowsAsync(byte[] content, ExportFormat format)
    {
        var text = Encoding.UTF8.GetString(content);
        switch (format)
        {
            case ExportFormat.Csv:
                await using (var csv = CsvReader.Create(new MemoryStream(content), new CsvReaderOptions { Separator = ',', HasHeader = false }, leaveOpen: false))
                {
                    var records = new List<string[]>();
                    while (await csv.ReadAsync(CancellationToken.None))
                    {
                        records.Add(csv.Current.ToArray().Select(v => v.ToString()).ToArray());
                    }

                    return records.Skip(1).Select(r => records[0].Zip(r).ToDictionary(p => p.First, p => (string?)p.Second)).ToList();
                }

            case ExportFormat.JsonLines:
                return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FromJson).ToList();
            default:
                using (var array = JsonDocument.Parse(text))
                {
                    return array.RootElement.EnumerateArray().Select(e => FromJson(e.GetRawText())).ToList();
                }
        }

        static Dictionary<string, string?> FromJson(string line)
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ToString());
        }
    }

    private static ExportManifest Manifest(SortedDictionary<string, (byte[] Stored, byte[] Content)> objects, string run) =>
        ExportManifest.Parse(Assert.Single(objects, o => o.Key.EndsWith($"_manifests/{run}.json", StringComparison.Ordinal)).Value.Content)!;

    [Fact]
    public async Task An_incremental_export_writes_one_object_per_hour_and_a_manifest_with_their_hashes_last()
    {
        var ids = await portal.StoreEventsAsync("hourly", 30, Start, TimeSpan.FromMinutes(170));
        var (schedule, integration) = await SetUpAsync("hourly");

        var run = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        var objects = await portal.ReadAllAsync(integration);
        var day = Start.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"audit/{day}/10/events-{run.RunToken}-0001.csv.gz", $"audit/{day}/11/events-{run.RunToken}-0001.csv.gz",
             $"audit/{day}/12/events-{run.RunToken}-0001.csv.gz", $"audit/_manifests/{run.RunToken}.json"],
            objects.Keys);
        Assert.Equal(ids, await EventIdsAsync(objects, ExportFormat.Csv));
        var manifest = Manifest(objects, run.RunToken);
        Assert.Equal(30, manifest.Rows);
        Assert.Equal(3, manifest.Parts.Count);
        foreach (var part in manifest.Parts)
        {
            var stored = objects[part.Key].Stored;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored)), part.Sha256);
            Assert.Equal(stored.Length, part.Bytes);
            Assert.Equal((await RowsAsync(objects[part.Key].Content, ExportFormat.Csv)).Count, part.Rows);
        }

        Assert.Equal((30, 3, manifest.Bytes), (run.Rows, run.Objects, run.Bytes));
        Assert.Equal($"exports/hourly/audit/_manifests/{run.RunToken}.json", run.ManifestObjectName);
        var saved = await portal.ScheduleRowAsync(schedule);
        Assert.Equal(run.WindowToEventRowId, saved.WatermarkEventRowId);
        Assert.NotNull(saved.WatermarkIngestedAtUtc);
    }

    [Fact]
    public async Task The_first_incremental_run_takes_the_workbooks_time_range_by_default_and_later_runs_all_that_is_ingested()
    {
        // The element's range is the last 30 days: the events of 40 days ago are outside it.
        await portal.StoreEventsAsync("firstrange", 5, DateTime.UtcNow.Date.AddDays(-40), TimeSpan.FromMinutes(50), "old-");
        var recent = await portal.StoreEventsAsync("firstrange", 6, Start, TimeSpan.FromMinutes(50));
        var (schedule, integration) = await SetUpAsync("firstrange");

        var first = await RunAsync(schedule);
        // Ingested after the first run: delivered by the next, whatever its event time.
        var late = await portal.StoreEventsAsync("firstrange", 2, DateTime.UtcNow.Date.AddDays(-45), TimeSpan.FromMinutes(5), "late-");
        var second = await RunAsync(schedule);

        Assert.Equal(ExportFirstRun.WorkbookRange, (await portal.ScheduleRowAsync(schedule)).FirstRun);
        Assert.Equal((ExportRunStatus.Succeeded, ExportRunStatus.Succeeded), (first.Status, second.Status));
        Assert.Equal((6L, 2L), (first.Rows, second.Rows));
        Assert.NotNull(first.WindowFromEventTimeUtc);
        Assert.Null(second.WindowFromEventTimeUtc);
        Assert.Equal(recent.Concat(late).Order(), (await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv)).Order());
    }

    [Fact]
    public async Task The_first_incremental_run_takes_all_retained_events_when_the_schedule_says_so()
    {
        var old = await portal.StoreEventsAsync("firstall", 5, DateTime.UtcNow.Date.AddDays(-40), TimeSpan.FromMinutes(50), "old-");
        var recent = await portal.StoreEventsAsync("firstall", 6, Start, TimeSpan.FromMinutes(50));
        var (schedule, integration) = await SetUpAsync("firstall", firstRun: ExportFirstRun.AllRetainedEvents);

        var run = await RunAsync(schedule);

        Assert.Equal((ExportRunStatus.Succeeded, 11L), (run.Status, run.Rows));
        Assert.Null(run.WindowFromEventTimeUtc);
        Assert.Equal(old.Concat(recent).Order(), (await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv)).Order());
    }

    [Theory]
    [InlineData(ExportMode.Incremental, ExportFirstRun.WorkbookRange)]
    [InlineData(ExportMode.Incremental, ExportFirstRun.AllRetainedEvents)]
    [InlineData(ExportMode.FullSnapshot, ExportFirstRun.WorkbookRange)]
    public async Task The_forms_estimate_of_the_next_run_is_the_number_of_objects_the_run_writes(ExportMode mode, ExportFirstRun firstRun)
    {
        var family = $"estimate-{mode}-{firstRun}".ToLowerInvariant();
        // 60 events over 5 hours, 30 more in one hour (two parts of at most 25 rows), and 7 outside the 30-day range.
        await portal.StoreEventsAsync(family, 60, Start, TimeSpan.FromHours(5));
        await portal.StoreEventsAsync(family, 30, Start.AddDays(1), TimeSpan.FromMinutes(40), "busy-");
        await portal.StoreEventsAsync(family, 7, DateTime.UtcNow.Date.AddDays(-50), TimeSpan.FromHours(2), "old-");
        var (schedule, _) = await SetUpAsync(family, mode: mode, firstRun: firstRun);
        var saved = await portal.ScheduleRowAsync(schedule);
        var query = new NextRunEstimateQuery
        {
            WorkbookId = saved.WorkbookId, TableElementId = saved.TableElementId, IntegrationId = saved.IntegrationId,
            UriTemplate = saved.UriTemplate, Mode = mode, FirstRun = firstRun, ScheduleId = schedule,
        };
        var estimate = portal.Services.GetRequiredService<EstimateNextRun>();

        var before = await estimate.HandleAsync(Principals.Admin(), query);
        var run = await RunAsync(schedule);

        Assert.NotNull(before);
        Assert.False(before.Count.About);
        Assert.Equal((run.Objects, run.Rows), (before.Count.Objects, before.Count.Rows));
        Assert.Equal(mode == ExportMode.Incremental, before.IsFirstRun);
        Assert.Equal(firstRun == ExportFirstRun.AllRetainedEvents && mode == ExportMode.Incremental ? 97L : 90L, before.Count.Rows);
        // The hourly template over more than three days of events is offered its daily form.
        Assert.Equal(firstRun == ExportFirstRun.AllRetainedEvents && mode == ExportMode.Incremental ? "audit/{yyyy}/{MM}/{dd}/events-{run}-{part}.csv.gz" : null,
            before.DailyTemplate);
        var after = await estimate.HandleAsync(Principals.Admin(), query);
        Assert.Equal(mode == ExportMode.Incremental ? 0 : run.Objects, after!.Count.Objects);
    }

    [Fact]
    public async Task The_csv_objects_have_the_explorers_header_and_values()
    {
        await portal.StoreEventsAsync("csvshape", 6, Start, TimeSpan.FromMinutes(10));
        var (schedule, integration) = await SetUpAsync("csvshape", gzip: false, template: "flat/{run}-{part}.csv");

        var run = await RunAsync(schedule);

        var content = (await portal.ReadAllAsync(integration))[$"flat/{run.RunToken}-0001.csv"].Content;
        var text = Encoding.UTF8.GetString(content);
        Assert.StartsWith("EventTimeUtc,Login,Action,Payload,EventId\n", text);
        var first = (await RowsAsync(content, ExportFormat.Csv))[0];
        Assert.Equal(Start.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), first["EventTimeUtc"]);
        Assert.Equal("a, \"quoted\" payload\nwith a line break", first["Payload"]);
    }

    /// <summary>
    /// One ledger (an identity, her account, a service account without owner), one policy (actor by login + repository
    /// showing the owner's full name, target account by login + repository, then any second target), and per format a
    /// family of three events: actor and both targets matched, only the actor matched, nothing matched.
    /// </summary>
    [Fact]
    public async Task With_identity_columns_every_format_carries_the_matches_of_actor_and_targets_and_nothing_for_what_matched_nothing()
    {
        await ImportLedgerAsync(LedgerKind.Identity, "hrCode,fullName\nIC-E1,Jane Identity\n");
        await ImportLedgerAsync(LedgerKind.Account, "login,repository,owner,name\nic-jane,ad,IC-E1,Jane's AD account\nic-svc,ad,,Batch service\n");
        var saved = await portal.Services.GetRequiredService<SaveMatchingPolicy>().HandleAsync(Principals.Admin(), new SaveMatchingPolicyCommand("export-identities", null,
        [
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Exact, DisplayMethod.IdentityFullName, CompareParent: true),
            new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.KeyAndParent, CompareParent: true),
            new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Exact, DisplayMethod.EntityName),
        ]));
        Assert.True(saved.Succeeded, string.Join(" ", saved.AllMessages));
        ExportFormat[] formats = [ExportFormat.Csv, ExportFormat.JsonLines, ExportFormat.Json];
        foreach (var format in formats)
        {
            var family = $"identity-{format}".ToLowerInvariant();
            await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(
            [
                IdentityEvent(family, 0, "ic-jane", AuditTargetType.Account, "ic-svc", "ad", "ic-jane"),
                IdentityEvent(family, 1, "ic-jane", AuditTargetType.Asset, "/etc/hosts", null, null),
                IdentityEvent(family, 2, "ic-nobody", null, null, null, null),
            ]);
        }

        var ran = await portal.Services.GetRequiredService<RunMatchingPolicy>().HandleAsync(Principals.Admin(), "export-identities", Start, Start.AddHours(1));
        Assert.True(ran.Succeeded, string.Join(" ", ran.AllMessages));
        await using var db = await portal.DbAsync();
        var ids = await db.LedgerEntities.Where(e => e.Key.StartsWith("IC-") || e.Key.StartsWith("ic-")).ToDictionaryAsync(e => e.Key, e => e.Id.ToString(CultureInfo.InvariantCulture));
        string?[] none = [null, null, null, null];
        string?[] actor = ["Account", ids["ic-jane"], ids["IC-E1"], "Jane Identity"];
        string?[] target = ["Account", ids["ic-svc"], null, "ic-svc (ad)"];
        string?[] second = ["Account", ids["ic-jane"], ids["IC-E1"], "Jane's AD account"];
        var expected = new Dictionary<string, string?[]>
        {
            ["0"] = [.. actor, .. target, .. second],
            ["1"] = [.. actor, .. none, .. none],
            ["2"] = [.. none, .. none, .. none],
        };

        string[] elementColumns = [nameof(AuditEvent.EventId), nameof(AuditEvent.Login)];
        string[] withIdentities = [.. elementColumns, .. ExportIdentityColumns.All.Select(c => c.Name)];
        foreach (var format in formats)
        {
            var family = $"identity-{format}".ToLowerInvariant();
            var (schedule, integration) = await SetUpAsync(family, format: format, gzip: false, template: "flat/{run}-{part}" + ExportUriTemplate.Extension(format, false),
                columns: elementColumns, identityColumns: true);

            var run = await RunAsync(schedule);

            Assert.True(run.Status == ExportRunStatus.Succeeded, run.Error);
            var rows = await RowsAsync((await portal.ReadAllAsync(integration))[$"flat/{run.RunToken}-0001{ExportUriTemplate.Extension(format, false)}"].Content, format);
            Assert.All(rows, r => Assert.Equal(withIdentities, r.Keys));
            Assert.Equal(expected.Keys, rows.Select(r => r[nameof(AuditEvent.EventId)]![^1..]));
            foreach (var row in rows)
            {
                // CSV writes an empty cell, JSON null.
                Assert.Equal(expected[row[nameof(AuditEvent.EventId)]![^1..]], ExportIdentityColumns.All.Select(c => row[c.Name] is "" ? null : row[c.Name]));
            }
        }

        // The same events without the option: the element's columns only.
        var (plain, plainIntegration) = await SetUpAsync("identity-plain", format: ExportFormat.JsonLines, gzip: false, template: "plain/{run}-{part}.jsonl",
            columns: elementColumns, eventsFamily: "identity-jsonlines");
        var plainRun = await RunAsync(plain);
        var plainRows = await RowsAsync((await portal.ReadAllAsync(plainIntegration))[$"plain/{plainRun.RunToken}-0001.jsonl"].Content, ExportFormat.JsonLines);
        Assert.Equal(3, plainRows.Count);
        Assert.All(plainRows, r => Assert.Equal(elementColumns, r.Keys));
    }

    private async Task ImportLedgerAsync(LedgerKind kind, string csv)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await portal.Services.GetRequiredService<ImportLedgerFile>().HandleAsync(Principals.Admin(), kind, stream, kind + ".csv", Start.AddDays(-1));
        Assert.True(report.Error is null, report.Error + " " + string.Join(" | ", report.Rejections));
    }

    private static AuditEvent IdentityEvent(string family, int i, string login, AuditTargetType? targetType, string? targetName, string? targetParent,
        string? secondTarget) => new()
    {
        EventId = $"{family}-{i}",
        EventTimeUtc = Start.AddMinutes(i),
        Datasource = "windows",
        Family = family,
        Login = login,
        Repository = "ad",
        Code = "4624",
        Action = "logon",
        Status = AuditEventStatus.Success,
        TargetType = targetType,
        TargetName = targetName,
        TargetParent = targetParent,
        SecondTarget = secondTarget,
    };

    [Theory]
    [InlineData("azure", ExportFormat.JsonLines, false)]
    [InlineData("gcs", ExportFormat.Json, true)]
    [InlineData("s3", ExportFormat.JsonLines, true)]
    public async Task Each_cloud_receives_the_objects_and_they_read_back_exactly(string cloud, ExportFormat format, bool gzip)
    {
        var family = $"cloud-{cloud}";
        var ids = await portal.StoreEventsAsync(family, 40, Start, TimeSpan.FromMinutes(50));
        var extension = ExportUriTemplate.Extension(format, gzip);
        var (schedule, integration) = await SetUpAsync(family, cloud, format, gzip, $"d/{{yyyy}}-{{MM}}-{{dd}}/{{run}}-{{part}}{extension}");

        var run = await RunAsync(schedule);

        Assert.True(run.Status == ExportRunStatus.Succeeded, run.Error);
        var objects = await portal.ReadAllAsync(integration);
        Assert.Equal(ids, await EventIdsAsync(objects, format));
        var manifest = Manifest(objects, run.RunToken);
        // 40 rows in one partition with parts of 25 rows: two parts.
        Assert.Equal([25L, 15L], manifest.Parts.Select(p => p.Rows));
        Assert.Equal([1, 2], manifest.Parts.Select(p => p.Part));
        Assert.All(manifest.Parts, p => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(objects[p.Key].Stored)), p.Sha256));
    }

    [Fact]
    public async Task Running_an_incremental_export_again_delivers_only_new_events_and_none_twice()
    {
        var first = await portal.StoreEventsAsync("twice", 20, Start, TimeSpan.FromMinutes(100));
        var (schedule, integration) = await SetUpAsync("twice");
        var run1 = await RunAsync(schedule, ExportTrigger.Scheduled);
        var second = await portal.StoreEventsAsync("twice", 15, Start.AddMinutes(30), TimeSpan.FromMinutes(200), "late-");

        var run2 = await RunAsync(schedule, ExportTrigger.Scheduled);
        var run3 = await RunAsync(schedule, ExportTrigger.Scheduled);

        Assert.Equal([ExportRunStatus.Succeeded, ExportRunStatus.Succeeded, ExportRunStatus.Succeeded], new[] { run1.Status, run2.Status, run3.Status });
        Assert.Equal(run1.WindowToEventRowId, run2.WindowAfterEventRowId);
        Assert.NotEqual(run1.RunToken, run2.RunToken);
        Assert.Equal((20L, 15L, 0L), (run1.Rows, run2.Rows, run3.Rows));
        var exported = await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv);
        Assert.Equal(first.Concat(second).Order(), exported.Order());
    }

    [Fact]
    public async Task An_incremental_export_with_free_text_delivers_each_match_once_the_search_reaches_it_never_passing_over_one()
    {
        var ids = await portal.StoreEventsAsync("searched", 14, Start, TimeSpan.FromMinutes(50));
        var (schedule, integration) = await SetUpAsync("searched", search: "user3");
        // SQLite's full-text index follows the writer (AuditSearchIndexer): the first run leaves what it has not reached
        // for the next one. PostgreSQL stores each event's search vector with the event: the first run finds them.
        var searchedAtOnce = portal.PostgreSql is not null;

        var beforeIndexing = await RunAsync(schedule, ExportTrigger.Scheduled);
        if (!searchedAtOnce)
        {
            await portal.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();
        }

        var afterIndexing = await RunAsync(schedule, ExportTrigger.Scheduled);

        Assert.Equal((ExportRunStatus.Succeeded, ExportRunStatus.Succeeded), (beforeIndexing.Status, afterIndexing.Status));
        Assert.Equal(searchedAtOnce ? (2L, 0L) : (0L, 2L), (beforeIndexing.Rows, afterIndexing.Rows));
        var exported = await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv);
        Assert.Equal(ids.Where((_, i) => i % 7 == 3), exported.Order());
    }

    [Fact]
    public async Task A_permanent_error_fails_fast_removes_what_the_run_wrote_and_leaves_the_watermark()
    {
        var ids = await portal.StoreEventsAsync("denied", 30, Start, TimeSpan.FromMinutes(170));
        var (schedule, integration) = await SetUpAsync("denied");
        portal.Faults.FailUpload(3, FaultInjection.AccessDenied);

        var failed = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Failed, failed.Status);
        Assert.StartsWith("AccessDenied: Access Denied", failed.Error);
        Assert.Contains("lack permission", failed.ErrorHint);
        Assert.Equal(0, failed.Retries);
        Assert.Empty(await portal.ReadAllAsync(integration));
        Assert.Null((await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);

        portal.Faults.Clear();
        var retried = await RunAsync(schedule, ExportTrigger.Retry);

        Assert.Equal(ExportRunStatus.Succeeded, retried.Status);
        Assert.Equal(failed.RunToken, retried.RunToken);
        Assert.Equal(ids, await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv));
    }

    [Fact]
    public async Task A_transient_error_is_retried_and_the_run_succeeds_without_duplicates()
    {
        var ids = await portal.StoreEventsAsync("throttled", 30, Start, TimeSpan.FromMinutes(170));
        var (schedule, integration) = await SetUpAsync("throttled");
        portal.Faults.FailUpload(2, FaultInjection.SlowDown);

        var run = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Retries);
        Assert.Equal(ids, await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv));
    }

    [Fact]
    public async Task Transient_errors_that_persist_fail_the_run_after_the_set_attempts_with_the_clouds_text()
    {
        await portal.StoreEventsAsync("persist", 10, Start, TimeSpan.FromMinutes(10));
        var (schedule, integration) = await SetUpAsync("persist");
        portal.Faults.FailUpload(1, FaultInjection.SlowDown, always: true);

        var run = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.StartsWith("SlowDown: Please reduce your request rate", run.Error);
        Assert.Equal(2, run.Retries); // three attempts in all (Exports:MaxAttempts)
        Assert.Empty(await portal.ReadAllAsync(integration));
        // Throttling says nothing of the connection: the integration keeps its status.
        Assert.Equal("SUCCESS", (await IntegrationRowAsync(integration)).LastTestStatus);
        Assert.Null((await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_the_run_and_the_next_run_exports_the_window_exactly_once()
    {
        var ids = await portal.StoreEventsAsync("unreachable", 30, Start, TimeSpan.FromMinutes(170));
        var (schedule, integration) = await SetUpAsync("unreachable");
        string serviceUrl;
        await using (var db = await portal.DbAsync())
        {
            var row = await db.StorageIntegrations.SingleAsync(i => i.Id == integration);
            serviceUrl = row.ServiceUrl!;
            row.ServiceUrl = "http://127.0.0.1:9/"; // the discard port: nothing listens
            await db.SaveChangesAsync();
        }

        var failed = await RunAsync(schedule);
        await using (var db = await portal.DbAsync())
        {
            (await db.StorageIntegrations.SingleAsync(i => i.Id == integration)).ServiceUrl = serviceUrl;
            await db.SaveChangesAsync();
        }

        var next = await RunAsync(schedule, ExportTrigger.Scheduled);

        Assert.Equal(ExportRunStatus.Failed, failed.Status);
        Assert.Null(failed.ManifestObjectName);
        Assert.Equal(ExportRunStatus.Succeeded, next.Status);
        Assert.Equal(failed.RunToken, next.RunToken);
        Assert.Equal(ids, await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv));
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_portal_is_marked_interrupted_and_its_window_is_exported_under_the_same_names()
    {
        var ids = await portal.StoreEventsAsync("interrupted", 12, Start, TimeSpan.FromMinutes(30));
        var (schedule, integration) = await SetUpAsync("interrupted");
        var windowEnd = await portal.Services.GetRequiredService<IExportEventSource>().NewestAsync(searched: false, CancellationToken.None);
        var stale = new ExportRun
        {
            Id = Guid.NewGuid(), ScheduleId = schedule, Trigger = ExportTrigger.Scheduled, Status = ExportRunStatus.Running,
            StartedAtUtc = DateTime.UtcNow.AddMinutes(-5), WindowToEventRowId = windowEnd.RowId, RunToken = ExportRunTokens.Incremental(0, windowEnd.RowId),
        };
        await using (var db = await portal.DbAsync())
        {
            db.ExportRuns.Add(stale);
            await db.SaveChangesAsync();
        }

        var marked = await portal.Engine.MarkInterruptedRunsAsync();
        var next = await RunAsync(schedule, ExportTrigger.Retry);

        Assert.True(marked >= 1);
        await using (var db = await portal.DbAsync())
        {
            Assert.Equal(ExportRunStatus.Interrupted, (await db.ExportRuns.SingleAsync(r => r.Id == stale.Id)).Status);
        }

        Assert.Equal(stale.RunToken, next.RunToken);
        Assert.Equal(ids, await EventIdsAsync(await portal.ReadAllAsync(integration), ExportFormat.Csv));
    }

    [Fact]
    public async Task A_second_run_of_the_same_schedule_is_refused_while_one_is_running()
    {
        var (schedule, _) = await SetUpAsync("overlap");
        await using (var db = await portal.DbAsync())
        {
            db.ExportRuns.Add(new ExportRun { Id = Guid.NewGuid(), ScheduleId = schedule, Status = ExportRunStatus.Running, StartedAtUtc = DateTime.UtcNow, RunToken = "i1-1" });
            await db.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<ExportAlreadyRunningException>(() => portal.Engine.RunAsync(schedule, ExportTrigger.Manual));
        await portal.Engine.MarkInterruptedRunsAsync();
    }

    [Fact]
    public async Task A_full_snapshot_exports_what_the_element_matches_and_leaves_no_watermark()
    {
        var ids = await portal.StoreEventsAsync("snapshot", 8, Start, TimeSpan.FromMinutes(20));
        var (schedule, integration) = await SetUpAsync("snapshot", mode: ExportMode.FullSnapshot, template: "snap/{run}-{part}.csv.gz");

        var first = await RunAsync(schedule);
        var second = await RunAsync(schedule);

        Assert.StartsWith("s", first.RunToken);
        Assert.Equal((8L, 8L), (first.Rows, second.Rows));
        Assert.Null((await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);
        var objects = await portal.ReadAllAsync(integration);
        Assert.Equal(ids, (await RowsAsync(objects[$"snap/{first.RunToken}-0001.csv.gz"].Content, ExportFormat.Csv)).Select(r => r["EventId"]));
    }

    [Fact]
    public async Task Every_run_is_audited_with_its_outcome()
    {
        await portal.StoreEventsAsync("audited", 3, Start, TimeSpan.FromMinutes(2));
        var (schedule, _) = await SetUpAsync("audited");

        var run = await RunAsync(schedule);

        await using var db = await portal.DbAsync();
        var name = (await portal.ScheduleRowAsync(schedule)).Name;
        var codes = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.Category == "exports" && e.TargetName == name)
            .OrderBy(e => e.Id).Select(e => e.Code).ToListAsync();
        Assert.Equal(["ExportScheduleCreated", "ExportRunSucceeded"], codes);
        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task Send_now_reports_progress_after_each_object_and_the_history_shows_the_run()
    {
        await portal.StoreEventsAsync("progress", 60, Start, TimeSpan.FromMinutes(40));
        var (schedule, _) = await SetUpAsync("progress");
        var reports = new ProgressLog();

        var run = await portal.Schedules.SendNowAsync(Principals.Admin(), schedule, reports);
        var history = await portal.Schedules.HistoryAsync(Principals.Admin(), schedule);

        // 60 rows in one hour with parts of 25 rows: three objects, each reported when stored.
        Assert.Equal([1, 2, 3], reports.Items.Select(p => p.Part).Distinct());
        Assert.Equal(60, reports.Items[^1].Rows);
        var listed = Assert.Single(history);
        Assert.Equal((run!.Id, ExportTrigger.Manual, PortalFactory.AdminEmail), (listed.Id, listed.Trigger, listed.TriggeredBy));
        Assert.Equal((60L, run.Bytes, 3), (listed.ProgressRows, listed.ProgressBytes, listed.ProgressPart));
    }

    [Fact]
    public async Task An_event_dated_9999_12_31_is_exported_in_the_last_hour_and_the_watermark_moves()
    {
        var ids = await portal.StoreEventsAsync("year9999", 3, Start, TimeSpan.FromMinutes(30));
        ids.AddRange(await portal.StoreEventsAsync("year9999", 1, new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc), TimeSpan.Zero, idPrefix: "last-"));
        var (schedule, integration) = await SetUpAsync("year9999");

        var run = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
        Assert.Equal(run.WindowToEventRowId, (await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);
        var objects = await portal.ReadAllAsync(integration);
        var last = Assert.Single(objects, o => o.Key.StartsWith("audit/9999/12/31/23/", StringComparison.Ordinal));
        Assert.Contains("9999-12-31 23:59:59.000", Encoding.UTF8.GetString(last.Value.Content));
        Assert.Equal(ids, await EventIdsAsync(objects, ExportFormat.Csv));
    }

    [Fact]
    public async Task Stored_times_outside_what_DateTime_holds_go_to_the_first_and_last_partitions_instead_of_stopping_the_export()
    {
        var ids = await portal.StoreEventsAsync("outofrange", 3, Start, TimeSpan.FromMinutes(30));
        await using (var db = await portal.DbAsync())
        {
            // Only a hand-edited database holds these: the portal itself stores DateTimes.
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"EventTimeUtc\" = {long.MaxValue} WHERE \"EventId\" = {ids[0]}");
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"EventTimeUtc\" = {long.MinValue} WHERE \"EventId\" = {ids[2]}");
        }

        // Year 1 is outside any workbook range: the first run takes every retained event.
        var (schedule, integration) = await SetUpAsync("outofrange", firstRun: ExportFirstRun.AllRetainedEvents);

        var run = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Equal(run.WindowToEventRowId, (await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);
        var objects = await portal.ReadAllAsync(integration);
        Assert.Contains(objects.Keys, k => k.StartsWith("audit/0001/01/01/00/", StringComparison.Ordinal));
        Assert.Contains(objects.Keys, k => k.StartsWith("audit/9999/12/31/23/", StringComparison.Ordinal));
        Assert.Equal([ids[2], ids[1], ids[0]], await EventIdsAsync(objects, ExportFormat.Csv));
    }

    [Fact]
    public async Task An_export_refused_with_NoSuchBucket_marks_the_integration_and_a_stored_run_sets_it_back_to_SUCCESS()
    {
        await portal.StoreEventsAsync("nobucket", 3, Start, TimeSpan.FromMinutes(10));
        var (schedule, integration) = await SetUpAsync("nobucket");
        await MoveBucketAsync(integration, "exports-bucket-that-does-not-exist");

        var failed = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Failed, failed.Status);
        var refused = await IntegrationRowAsync(integration);
        Assert.Contains("NoSuchBucket", refused.LastTestStatus);
        Assert.Equal((failed.Error, failed.ErrorHint, 1), (refused.LastTestStatus, refused.LastTestHint, refused.ConsecutiveFailures));
        Assert.Contains("bucket", refused.LastTestHint, StringComparison.OrdinalIgnoreCase);

        await MoveBucketAsync(integration, StoragePeers.S3Bucket);
        var stored = await RunAsync(schedule);

        Assert.Equal(ExportRunStatus.Succeeded, stored.Status);
        var proven = await IntegrationRowAsync(integration);
        Assert.Equal(("SUCCESS", 0), (proven.LastTestStatus, proven.ConsecutiveFailures));
    }

    [Fact]
    public async Task While_a_run_waits_to_retry_its_progress_and_its_row_say_which_attempt_when_and_the_clouds_error()
    {
        await portal.StoreEventsAsync("retryprogress", 30, Start, TimeSpan.FromMinutes(170));
        var (schedule, _) = await SetUpAsync("retryprogress");
        portal.Faults.FailUpload(2, FaultInjection.SlowDown);
        var reports = new RetryLog(portal);

        var run = await portal.Schedules.SendNowAsync(Principals.Admin(), schedule, reports);

        Assert.Equal(ExportRunStatus.Succeeded, run!.Status);
        var (progress, row) = Assert.Single(reports.Retries);
        var retry = progress.Retry!;
        Assert.Equal((2, 3), (retry.NextAttempt, retry.MaxAttempts));
        Assert.StartsWith("SlowDown: Please reduce your request rate", retry.Error);
        Assert.InRange(retry.NextAttemptAtUtc, run.StartedAtUtc, run.FinishedAtUtc!.Value);
        // The object before the failing one was reported, and the figures stay on it instead of going back to zero.
        Assert.Equal(1, progress.Part);
        Assert.True(progress.Rows > 0);
        Assert.Equal((ExportRunStatus.Running, 1), (row.Status, row.Retries));
        Assert.StartsWith("retrying (attempt 2 of 3, next in ", row.Error);
        Assert.EndsWith("s): SlowDown: Please reduce your request rate (injected by the test)", row.Error);
        Assert.Null(run.Error);
    }

    private async Task MoveBucketAsync(Guid integration, string bucket)
    {
        await using var db = await portal.DbAsync();
        await db.StorageIntegrations.Where(i => i.Id == integration).ExecuteUpdateAsync(i => i.SetProperty(x => x.Bucket, bucket));
    }

    private async Task<Core.Integrations.StorageIntegration> IntegrationRowAsync(Guid integration)
    {
        await using var db = await portal.DbAsync();
        return await db.StorageIntegrations.AsNoTracking().SingleAsync(i => i.Id == integration);
    }

    /// <summary>Keeps each retry report with the run's row as the database held it at that moment.</summary>
    private sealed class RetryLog(ExportsPortal portal) : IProgress<ExportProgress>
    {
        public List<(ExportProgress Progress, ExportRun Row)> Retries { get; } = [];

        public void Report(ExportProgress value)
        {
            if (value.Retry is null)
            {
                return;
            }

            // Synchronously, while the engine waits in Report: the row as it is during the retry, not after.
            using var db = portal.Services.GetRequiredService<IDbContextFactory<Core.Data.PortalDbContext>>().CreateDbContext();
            Retries.Add((value, db.ExportRuns.AsNoTracking().Single(r => r.Id == value.RunId)));
        }
    }

    private sealed class ProgressLog : IProgress<ExportProgress>
    {
        public List<ExportProgress> Items { get; } = [];

        public void Report(ExportProgress value)
        {
            lock (Items)
            {
                Items.Add(value);
            }
        }
    }
}
