using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Exports;

namespace AdminPortal.Tests.Exports;

/// <summary>The S3 emulator dies in the middle of a run of many objects, and comes back.</summary>
[Collection(ExportsCollection.Name)]
public sealed class StorageOutageTests(ExportsPortal portal, S3Peer s3) : IClassFixture<S3Peer>
{
    [Fact]
    public async Task The_storage_stopping_mid_run_leaves_no_object_of_the_window_and_the_next_run_delivers_every_event_once()
    {
        // 300 events over five hours: objects of at most 25 rows, in five hourly folders.
        var ids = await portal.StoreEventsAsync("outage", 300, DateTime.UtcNow.Date.AddDays(-1).AddHours(3), TimeSpan.FromHours(5));
        var integration = await portal.S3IntegrationAsync(s3.Url, S3Peer.Bucket, "s3_outage", "exports/outage/");
        var (workbook, element) = await portal.WorkbookAsync("outage");
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration,
            UriTemplate = "audit/{yyyy}/{MM}/{dd}/{HH}/events-{run}-{part}.csv.gz", Format = ExportFormat.Csv, Gzip = true,
            FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 2,
        });
        var outage = new StopAfterRows(3 * ExportsPortal.PartMaxRows, s3.Stop);

        var failed = await portal.Engine.RunAsync(schedule, ExportTrigger.Scheduled, progress: outage);
        await s3.StartAsync();
        var left = await portal.ReadAllAsync(integration);

        Assert.True(outage.Stopped);
        Assert.Equal(ExportRunStatus.Failed, failed!.Status);
        Assert.True(failed.Retries > 0, "a refused connection is transient: the object is tried again before the run fails");
        Assert.Contains("127.0.0.1", failed.Error);
        Assert.Empty(left); // three objects were uploaded before the outage, none committed
        Assert.Null((await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);

        var next = await portal.Engine.RunAsync(schedule, ExportTrigger.Retry);

        Assert.Equal(ExportRunStatus.Succeeded, next!.Status);
        Assert.Equal(failed.RunToken, next.RunToken);
        var objects = await portal.ReadAllAsync(integration);
        Assert.Equal(next.Objects + 1, objects.Count); // and the manifest
        Assert.True(next.Objects > 3);
        var exported = await ExportEngineTests.EventIdsAsync(objects, ExportFormat.Csv);
        Assert.Equal(ids.Count, exported.Distinct().Count()); // none twice
        Assert.Equal(ids.Order(), exported.Order()); // none lost
        Assert.Equal(next.WindowToEventRowId, (await portal.ScheduleRowAsync(schedule)).WatermarkEventRowId);
    }

    /// <summary>Kills the storage once the run reports this many rows written (reported after each object, on the writer's path).</summary>
    private sealed class StopAfterRows(long rows, Action stop) : IProgress<ExportProgress>
    {
        public bool Stopped { get; private set; }

        public void Report(ExportProgress value)
        {
            if (!Stopped && value.Rows >= rows)
            {
                Stopped = true;
                stop();
            }
        }
    }
}
