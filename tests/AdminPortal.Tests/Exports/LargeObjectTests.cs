using System.Security.Cryptography;
using System.Text;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Exports;

[Collection(ExportsCollection.Name)]
public sealed class LargeObjectTests(StoragePeers peers, LargeObjectsPortal portal) : IClassFixture<LargeObjectsPortal>
{
    [Fact]
    public async Task A_failure_inside_a_multipart_upload_leaves_no_object_and_the_next_run_delivers_every_event_once()
    {
        // About 13 MB of JSON Lines in one object: three 5 MiB chunks of an S3 multipart upload.
        var ids = await portal.StoreEventsAsync("multipart", 12_000, DateTime.UtcNow.Date.AddDays(-1), TimeSpan.FromHours(2), payloadBytes: 1000);
        var integration = await portal.IntegrationAsync(peers, "s3", "s3_multipart", "exports/multipart/");
        var (workbook, element) = await portal.WorkbookAsync("multipart");
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration,
            UriTemplate = "big/{yyyy}/{MM}/{dd}/{run}-{part}.jsonl", Format = ExportFormat.JsonLines, Gzip = false,
            FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 24,
        });
        portal.Faults.FailUpload(1, FaultInjection.AccessDenied, afterBytes: 7 * 1024 * 1024);

        var failed = await portal.Engine.RunAsync(schedule, ExportTrigger.Scheduled);
        var left = await portal.ReadAllAsync(integration);
        portal.Faults.Clear();
        var next = await portal.Engine.RunAsync(schedule, ExportTrigger.Retry);

        Assert.Equal(ExportRunStatus.Failed, failed!.Status);
        Assert.StartsWith("AccessDenied", failed.Error);
        Assert.Empty(left);
        Assert.Equal(ExportRunStatus.Succeeded, next!.Status);
        Assert.Equal(failed.RunToken, next.RunToken);
        var objects = await portal.ReadAllAsync(integration);
        var data = Assert.Single(objects, o => !o.Key.Contains("_manifests/", StringComparison.Ordinal));
        Assert.True(data.Value.Stored.Length > 10 * 1024 * 1024);
        var manifest = ExportManifest.Parse(Assert.Single(objects, o => o.Key.Contains("_manifests/", StringComparison.Ordinal)).Value.Content)!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data.Value.Stored)), Assert.Single(manifest.Parts).Sha256);
        var exported = Encoding.UTF8.GetString(data.Value.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("EventId").GetString()).ToList();
        Assert.Equal(ids, exported);
    }
}
