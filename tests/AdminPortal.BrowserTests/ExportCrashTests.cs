using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>A portal killed (SIGKILL) in the middle of an export, then started again on the same data.</summary>
[Collection(PortalCollection.Name)]
public sealed class ExportCrashTests(SharedPortal shared)
{
    private const int Events = 300_000;

    [Fact]
    public async Task A_run_cut_by_SIGKILL_is_marked_interrupted_and_the_next_run_exports_its_window_exactly_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = SharedPortal.AdminEmail,
            ["Bootstrap:AdminPassword"] = SharedPortal.AdminPassword,
            // Many small objects and frequent progress, so the run is long enough to be cut in the middle.
            ["Exports:PartMaxRows"] = "2000",
            ["Exports:ProgressIntervalSeconds"] = "0.2",
        };
        string dataDirectory;
        string workbookPath;
        var first = await PortalProcess.StartAsync(settings, seedDemoEvents: Events);
        try
        {
            dataDirectory = first.DataDirectory;
            await using var session = await BrowserSession.OpenAsync(shared.Chromium, first);
            await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
            await session.Page.GotoAsync(IntegrationPages.SettingsPath);
            await session.WaitForCircuitAsync();
            await IntegrationPages.AddS3Async(session.Page, shared.Storage, "s3_crash", "s3://audit-exports/exports-crash/");
            workbookPath = new Uri(await ExportScheduleTests.SaveWorkbookAsync(session, "Crash")).PathAndQuery;
            await ExportScheduleTests.OpenScheduleExportsAsync(session.Page);
            // Every stored event: the workbook's 30 days would start after the demo's oldest events by the time the run
            // starts, and how many fell out would depend on how long the steps before took.
            await ExportScheduleTests.AddScheduleAsync(session.Page, "s3_crash", "events-{run}-{part}.jsonl", firstRun: "All retained events");

            var row = session.Page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = "Crash" });
            await ExportScheduleTests.ActionAsync(session.Page, row, "Send now");
            await Assertions.Expect(session.Page.GetByTestId("progress-rows")).ToHaveTextAsync(new Regex(@"^[1-9][\d,]*$"), new() { Timeout = 60_000 });
            // Send now held nothing: back in the list while the run goes, a second Send now is told it is already running.
            await session.Page.GetByTestId("send-now-done").ClickAsync();
            await ExportScheduleTests.ActionAsync(session.Page, row, "Send now");
            await Assertions.Expect(session.Page.GetByTestId("schedules-message")).ToContainTextAsync("A run of \"Crash · AUDIT_LOGS\" is already in progress");
            await Assertions.Expect(row.GetByTestId("last-status")).ToHaveTextAsync("Running");
            await session.CaptureAsync("crash-before-kill");
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await PortalProcess.StartAsync(settings, dataDirectory: dataDirectory);
        await using (var session = await BrowserSession.OpenAsync(shared.Chromium, second))
        {
            await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
            await session.Page.GotoAsync(workbookPath);
            await session.WaitForCircuitAsync();
            await ExportScheduleTests.OpenScheduleExportsAsync(session.Page);
            var row = session.Page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = "Crash" });
            await Assertions.Expect(row.GetByTestId("last-status")).ToHaveTextAsync("Interrupted");

            var result = await ExportScheduleTests.SendNowAsync(session.Page, "Crash");
            await Assertions.Expect(result).ToContainTextAsync("Succeeded", new() { Timeout = 120_000 });
            await session.Page.GetByTestId("send-now-done").ClickAsync();
            await ExportScheduleTests.ActionAsync(session.Page, row, "History");
            await Assertions.Expect(session.Page.GetByTestId("run-status")).ToHaveTextAsync(["Succeeded", "Interrupted"]);
            await session.CaptureAsync("crash-history");
            session.AssertNoConsoleErrors();
        }

        using var storage = shared.Storage.Factory.Create(shared.Storage.S3("exports-crash/"));
        var objects = await ExportScheduleTests.ListAsync(storage);
        var manifestObject = Assert.Single(objects, o => o.Key.StartsWith("_manifests/", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(await ExportScheduleTests.ReadAsync(storage, manifestObject.Key));
        var parts = manifest.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("key").GetString()!).ToHashSet();
        // The killed run's objects had the same names as the retry's, so they were overwritten: nothing else is there.
        Assert.Equal(parts.Order(StringComparer.Ordinal), objects.Select(o => o.Key).Where(k => !k.StartsWith("_manifests/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var ids = new List<string>();
        foreach (var key in parts)
        {
            ids.AddRange((await ExportScheduleTests.ReadAsync(storage, key)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("EventId").GetString()!));
        }

        Assert.Equal(manifest.RootElement.GetProperty("rows").GetInt64(), ids.Count);
        Assert.True(ids.Count >= Events, $"{ids.Count.ToString(CultureInfo.InvariantCulture)} events exported of at least {Events}");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
