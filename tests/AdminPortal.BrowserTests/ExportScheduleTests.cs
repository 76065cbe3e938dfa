using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The Schedule Exports modal of a workbook, end to end: the objects land in the emulators, failures are e-mailed.</summary>
[Collection(PortalCollection.Name)]
public sealed class ExportScheduleTests(SharedPortal shared)
{
    private StoragePeers Peers => shared.Storage;

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    [InlineData("gcs")]
    public async Task A_schedule_from_a_workbook_sends_now_and_its_objects_land_in_the_cloud(string cloud)
    {
        var integration = $"{cloud}_exports_browser";
        var prefix = $"exports-browser-{cloud}/";
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        await AddIntegrationAsync(page, cloud, integration, prefix);
        await SaveWorkbookAsync(admin, $"Exports {cloud}");

        await OpenScheduleExportsAsync(page);
        // Every stored event, the demo's oldest too (the workbook's 30 days start after them by the time the run starts).
        await AddScheduleAsync(page, integration, "events-{run}-{part}.jsonl", firstRun: "All retained events");
        await Assertions.Expect(page.GetByTestId("schedules-grid")).ToContainTextAsync($"{Root(cloud)}{prefix}events-{{run}}-{{part}}.jsonl");
        await admin.CaptureAsync($"schedule-exports-{cloud}");

        var result = await SendNowAsync(page, $"Exports {cloud}");
        await Assertions.Expect(result).ToContainTextAsync("Succeeded");
        await admin.CaptureAsync($"send-now-{cloud}");

        using var storage = shared.Storage.Factory.Create(Destination(cloud, prefix));
        var objects = await ListAsync(storage);
        var data = Assert.Single(objects, o => !o.Key.StartsWith("_manifests/", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"^events-[A-Za-z0-9_.-]+-\d+\.jsonl$"), data.Key);
        var manifestKey = Assert.Single(objects, o => o.Key.StartsWith("_manifests/", StringComparison.Ordinal)).Key;
        using var manifest = JsonDocument.Parse(await ReadAsync(storage, manifestKey));
        var part = Assert.Single(manifest.RootElement.GetProperty("parts").EnumerateArray());
        Assert.Equal(data.Key, part.GetProperty("key").GetString());
        var lines = (await ReadAsync(storage, data.Key)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(part.GetProperty("rows").GetInt64(), lines.Length);
        Assert.True(lines.Length >= SharedPortal.DemoEvents, $"{lines.Length} rows exported; the demo data alone has {SharedPortal.DemoEvents}");
        Assert.All(lines.Take(50), line => Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(line).RootElement.GetProperty("EventId").GetString())));
        Assert.Equal(lines.Length, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("EventId").GetString()).Distinct().Count());
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_schedule_is_paused_resumed_edited_its_history_read_and_deleted()
    {
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        await IntegrationPages.AddS3Async(page, Peers, "s3_exports_lifecycle", "s3://audit-exports/exports-lifecycle/");
        await SaveWorkbookAsync(admin, "Exports lifecycle");
        await OpenScheduleExportsAsync(page);
        await AddScheduleAsync(page, "s3_exports_lifecycle", "audit/{yyyy}/{MM}/events-{run}-{part}.csv");
        var row = page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = "Exports lifecycle" });
        await Assertions.Expect(row.GetByTestId("next-run")).ToBeVisibleAsync();

        await ActionAsync(page, row, "Pause");
        await Assertions.Expect(row.GetByTestId("paused-badge")).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("pause-reason")).ToContainTextAsync($"Paused by {SharedPortal.AdminEmail}.");
        await ActionAsync(page, row, "Resume");
        await Assertions.Expect(row.GetByTestId("next-run")).ToBeVisibleAsync();

        await ActionAsync(page, row, "Edit");
        var form = page.GetByTestId("schedule-form");
        await ChooseAsync(page, form, "frequency", "Daily");
        await form.Locator("#time-of-day").FillAsync("03:30");
        await TimeZoneAsync(page, form, "Europe/Paris");
        await Assertions.Expect(form.GetByTestId("next-runs")).ToContainTextAsync("UTC");
        await form.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Daily at 03:30 (Europe/Paris)");

        await ActionAsync(page, row, "Send now");
        await Assertions.Expect(page.GetByTestId("send-now-result")).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
        await page.GetByTestId("send-now-done").ClickAsync();
        await ActionAsync(page, row, "History");
        var history = page.GetByTestId("run-history");
        await Assertions.Expect(history.GetByTestId("run-status").First).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(history.GetByTestId("runs-grid")).ToContainTextAsync("Manual");
        await history.GetByTestId("show-manifest").First.ClickAsync();
        await Assertions.Expect(history.GetByTestId("manifest")).ToContainTextAsync("\"sha256\"");
        await admin.CaptureAsync("export-history");
        await history.GetByTestId("history-back").ClickAsync();

        await ActionAsync(page, row, "Delete");
        await page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Delete the export schedule" })
            .GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = "Exports lifecycle" })).ToHaveCountAsync(0);
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_form_explains_bad_input()
    {
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        await IntegrationPages.AddS3Async(page, Peers, "s3_exports_badinput", "s3://audit-exports/exports-badinput/");
        await SaveWorkbookAsync(admin, "Exports bad input");
        await OpenScheduleExportsAsync(page);
        await page.GetByTestId("add-schedule").ClickAsync();
        var form = page.GetByTestId("schedule-form");
        await ChooseAsync(page, form, "integration", "s3_exports_badinput (AWS)");

        await form.Locator("#uri-template").FillAsync("audit/{date}/events-{run}.csv");
        await Assertions.Expect(form.GetByTestId("uri-preview")).ToContainTextAsync("Unknown token {date}");
        await ChooseAsync(page, form, "frequency", "Cron");
        await form.Locator("#cron").FillAsync("0 61 2 * * ?");
        await TimeZoneAsync(page, form, "Mars/Olympus_Mons");
        await form.GetByTestId("save-schedule").ClickAsync();

        await Assertions.Expect(form).ToContainTextAsync("is not a cron expression Quartz understands");
        await Assertions.Expect(form).ToContainTextAsync("Unknown time zone \"Mars/Olympus_Mons\"");
        await Assertions.Expect(form).ToContainTextAsync("Unknown token {date}");
        await admin.CaptureAsync("schedule-form-errors");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_form_says_how_many_objects_the_first_run_writes_and_switches_to_daily_objects()
    {
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        await IntegrationPages.AddS3Async(page, Peers, "s3_exports_daily", "s3://audit-exports/exports-daily/");
        // The demo's events cover the last 30 days, the workbook's range: one object per hour is hundreds of objects.
        await SaveWorkbookAsync(admin, "Exports daily");
        await OpenScheduleExportsAsync(page);
        await page.GetByTestId("add-schedule").ClickAsync();
        var form = page.GetByTestId("schedule-form");
        await ChooseAsync(page, form, "integration", "s3_exports_daily (AWS)");

        await Assertions.Expect(form.GetByTestId("first-run-text")).ToHaveTextAsync("First run: exports the workbook's time range (last 30 days).");
        var count = form.GetByTestId("object-count");
        await Assertions.Expect(count).ToContainTextAsync("(one per hour that has events");
        Assert.True(Objects(await count.TextContentAsync()) > 300, await count.TextContentAsync());
        await admin.CaptureAsync("schedule-form-object-count");
        await form.GetByRole(AriaRole.Button, new() { Name = "Use daily objects" }).ClickAsync();

        await Assertions.Expect(form.Locator("#uri-template")).ToHaveValueAsync("audit_logs/{yyyy}/{MM}/{dd}/audit_logs-{run}-{part}.csv.gz");
        await Assertions.Expect(count).ToContainTextAsync("(one per day that has events");
        Assert.InRange(Objects(await count.TextContentAsync()), 28, 32);
        await Assertions.Expect(form.GetByTestId("daily-suggestion")).ToHaveCountAsync(0);
        await form.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedules-grid")).ToContainTextAsync("exports-daily/audit_logs/{yyyy}/{MM}/{dd}/audit_logs-{run}-{part}.csv.gz");
        admin.AssertNoConsoleErrors();

        static int Objects(string? text) => int.Parse(
            Regex.Match(text ?? "", @"write (?:about |more than )?([\d,]+) objects?").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_failed_run_shows_the_clouds_error_and_e_mails_it_with_a_link_to_the_history()
    {
        const string bucket = "exports-vanishing";
        using var s3 = IntegrationPages.S3Client(Peers);
        await s3.PutBucketAsync(bucket);
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        await IntegrationPages.AddS3Async(page, Peers, "s3_exports_vanishing", $"s3://{bucket}/audit/");
        await SaveWorkbookAsync(admin, "Exports failing");
        await OpenScheduleExportsAsync(page);
        await AddScheduleAsync(page, "s3_exports_vanishing", "events-{run}-{part}.csv.gz", notify: "soc-team@example.test");
        await s3.DeleteBucketAsync(bucket);

        var result = await SendNowAsync(page, "Exports failing");

        await Assertions.Expect(result).ToContainTextAsync("Failed");
        await Assertions.Expect(page.GetByTestId("send-now-error")).ToContainTextAsync("NoSuchBucket");
        var mail = await shared.Mail.WaitForAsync("soc-team@example.test", "Export \"Exports failing", "NoSuchBucket");
        Assert.Contains("The cloud platform said:", mail.Text);
        var link = Regex.Match(mail.Text!, @"https://portal\.example\.test(/audit-logs\?workbook=\d+&history=[0-9a-f-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        await shared.Mail.WaitForAsync(SharedPortal.AdminEmail, "Export \"Exports failing", "NoSuchBucket");

        await page.GotoAsync(link);
        await admin.WaitForCircuitAsync();
        // The modal opens once the circuit has loaded the workbook: allow for a loaded machine.
        await Assertions.Expect(page.GetByTestId("run-history").GetByTestId("run-error").First).ToContainTextAsync("NoSuchBucket", new() { Timeout = 20_000 });
        await admin.CaptureAsync("export-failure-history");
        admin.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Editing_an_integrations_destination_pauses_its_schedules_unless_told_to_repoint_them(bool repoint)
    {
        var integration = $"s3_linked_edit_{(repoint ? "repoint" : "pause")}";
        var workbook = $"Linked edit {(repoint ? "repoint" : "pause")}";
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        var workbookUrl = await LinkedScheduleAsync(admin, integration, workbook);
        // The row's shortcut: More > Edit destination (IntegrationAdministrationTests walks View credentials > Edit Destination).
        await IntegrationPages.Row(page, integration).GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Edit destination" }).ClickAsync();
        var form = page.GetByTestId("edit-destination-form");
        await Assertions.Expect(form.GetByTestId("linked-exports")).ToContainTextAsync($"{workbook} · AUDIT_LOGS");
        await form.Locator("#destination").FillAsync($"s3://audit-exports/{integration}-moved/");
        await form.GetByTestId("update-linked-exports").SetCheckedAsync(repoint);
        await admin.CaptureAsync($"edit-destination-linked-{repoint}");
        await form.GetByTestId("save-destination").ClickAsync();
        await Assertions.Expect(IntegrationPages.Row(page, integration)).ToContainTextAsync($"{integration}-moved/");

        await page.GotoAsync(workbookUrl);
        await admin.WaitForCircuitAsync();
        await OpenScheduleExportsAsync(page);
        var row = page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = workbook });
        await Assertions.Expect(row).ToContainTextAsync($"s3://audit-exports/{integration}-moved/events-{{run}}-{{part}}.csv");
        if (repoint)
        {
            await Assertions.Expect(row.GetByTestId("next-run")).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(row.GetByTestId("pause-reason")).ToContainTextAsync($"The destination of integration \"{integration}\" changed");
            await ActionAsync(page, row, "Resume");
            await Assertions.Expect(row.GetByTestId("next-run")).ToBeVisibleAsync();
        }

        admin.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deleting_an_integration_pauses_its_schedules_unless_told_to_delete_them(bool deleteLinked)
    {
        var integration = $"s3_linked_delete_{(deleteLinked ? "delete" : "pause")}";
        var workbook = $"Linked delete {(deleteLinked ? "delete" : "pause")}";
        await using var admin = await shared.OpenAdminSessionAsync(IntegrationPages.SettingsPath);
        var page = admin.Page;
        var workbookUrl = await LinkedScheduleAsync(admin, integration, workbook);
        await IntegrationPages.Row(page, integration).GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete integration" }).ClickAsync();
        var form = page.GetByTestId("delete-integration-form");
        await Assertions.Expect(form.GetByTestId("linked-exports")).ToContainTextAsync($"{workbook} · AUDIT_LOGS");
        await form.GetByTestId("delete-linked-exports").SetCheckedAsync(deleteLinked);
        await form.GetByTestId("confirm-delete-integration").ClickAsync();
        await Assertions.Expect(IntegrationPages.Row(page, integration)).ToHaveCountAsync(0);

        await page.GotoAsync(workbookUrl);
        await admin.WaitForCircuitAsync();
        await OpenScheduleExportsAsync(page);
        var rows = page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = workbook });
        if (deleteLinked)
        {
            await Assertions.Expect(page.GetByTestId("schedules-grid")).ToContainTextAsync("No export scheduled for this workbook yet.");
        }
        else
        {
            await Assertions.Expect(rows.GetByTestId("pause-reason")).ToContainTextAsync($"Integration \"{integration}\" was deleted.");
        }

        admin.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task The_workbooks_list_shows_its_row_actions_and_never_scrolls_the_page_sideways(int width, int height)
    {
        await using var admin = await shared.OpenAdminSessionAsync("/workbooks");
        var page = admin.Page;
        var name = $"Viewport {width} with a long enough name to push the columns";
        await SaveWorkbookAsync(admin, name);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/workbooks");
        await admin.WaitForCircuitAsync();
        var grid = page.GetByTestId("workbooks-grid");
        await Assertions.Expect(grid.GetByTestId($"open-{name}")).ToBeVisibleAsync();

        // The page itself never scrolls sideways; a narrow screen scrolls the table inside its own box.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page scrolls sideways at {width}x{height}");
        foreach (var action in new[] { "rename", "duplicate", "delete" })
        {
            var button = grid.GetByTestId($"{action}-{name}");
            await button.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        await admin.CaptureAsync($"workbooks-{width}x{height}");
        admin.AssertNoConsoleErrors();
    }

    /// <summary>An S3 integration, a workbook with a schedule to it, and the Audit Logging settings open again.</summary>
    private async Task<string> LinkedScheduleAsync(BrowserSession admin, string integration, string workbook)
    {
        var page = admin.Page;
        await IntegrationPages.AddS3Async(page, Peers, integration, $"s3://audit-exports/{integration}/");
        var workbookUrl = await SaveWorkbookAsync(admin, workbook);
        await OpenScheduleExportsAsync(page);
        await AddScheduleAsync(page, integration, "events-{run}-{part}.csv");
        await page.GotoAsync(IntegrationPages.SettingsPath);
        await admin.WaitForCircuitAsync();
        return workbookUrl;
    }

    private Task AddIntegrationAsync(IPage page, string cloud, string name, string prefix) => cloud switch
    {
        "s3" => IntegrationPages.AddS3Async(page, Peers, name, $"s3://{StoragePeers.S3Bucket}/{prefix}"),
        "azure" => IntegrationPages.AddAzureAsync(page, Peers, name, $"azure://{StoragePeers.AzureAccount}/{StoragePeers.AzureContainer}/{prefix}"),
        _ => IntegrationPages.AddGcsAsync(page, Peers, name, $"gs://audit-exports/{prefix}"),
    };

    private StorageDestination Destination(string cloud, string prefix) => cloud switch
    {
        "s3" => Peers.S3(prefix),
        "azure" => Peers.Azure(prefix),
        _ => Peers.Gcs("audit-exports", prefix),
    };

    private static string Root(string cloud) => cloud switch
    {
        "s3" => $"s3://{StoragePeers.S3Bucket}/",
        "azure" => $"azure://{StoragePeers.AzureAccount}/{StoragePeers.AzureContainer}/",
        _ => "gs://audit-exports/",
    };

    /// <summary>Explores AUDIT_LOGS with a few columns and saves it as a workbook, which opens; returns its address.</summary>
    internal static async Task<string> SaveWorkbookAsync(BrowserSession session, string name)
    {
        var page = session.Page;
        await page.GotoAsync("/audit-logs?range=30d&cols=EventId,EventTimeUtc,Login,Action");
        await session.WaitForCircuitAsync();
        // A row beyond the header: the explorer has loaded its events.
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
        await page.GetByTestId("save-as").ClickAsync();
        await FillSaveAsAsync(page, name, "Exports");
        await page.GetByTestId("workbook-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("explorer-title")).ToHaveTextAsync(name);
        return page.Url;
    }

    /// <summary>
    /// Types the Save As dialog's name and folder. The dialog moves focus to its name field once shown, from script: text
    /// typed into the folder at that moment lands in the name ("Exports dailyExports"), so both are read back and typed
    /// again until they hold what was typed.
    /// </summary>
    internal static async Task FillSaveAsAsync(IPage page, string name, string folder)
    {
        var nameBox = page.GetByTestId("workbook-name");
        var folderBox = page.GetByTestId("workbook-folder");
        for (var attempt = 1; ; attempt++)
        {
            await nameBox.FillAsync(name);
            await folderBox.FillAsync(folder);
            if (await nameBox.InputValueAsync() == name && await folderBox.InputValueAsync() == folder)
            {
                return;
            }

            Assert.True(attempt < 5, $"the Save As dialog holds '{await nameBox.InputValueAsync()}' / '{await folderBox.InputValueAsync()}'");
        }
    }

    internal static async Task OpenScheduleExportsAsync(IPage page)
    {
        await page.GetByTestId("workbook-menu").GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Schedule exports" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedule-exports")).ToBeVisibleAsync();
    }

    /// <summary>Add Schedule: the integration, the object name (JSON Lines or CSV by its extension, gzip by .gz), the first run when given, the defaults otherwise.</summary>
    internal static async Task AddScheduleAsync(IPage page, string integration, string template, string? notify = null, string? firstRun = null)
    {
        await page.GetByTestId("add-schedule").ClickAsync();
        var form = page.GetByTestId("schedule-form");
        // Sigma's words: Add Schedule, Destination Cloud Storage, Storage Integration, Destination Cloud Storage URI, Element, Create.
        await Assertions.Expect(form.GetByText("Add Schedule", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText("Destination: Cloud Storage")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText("Storage Integration", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByLabel("Destination Cloud Storage URI")).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByText("Element", new() { Exact = true })).ToBeVisibleAsync();
        await ChooseAsync(page, form, "integration", $"{integration} ({LabelOf(integration)})");
        var jsonLines = template.Contains(".jsonl", StringComparison.Ordinal);
        var gzip = template.EndsWith(".gz", StringComparison.Ordinal);
        await ChooseAsync(page, form, "format", jsonLines ? "JSON Lines" : "CSV");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "gzip" }).SetCheckedAsync(gzip);
        // Format and gzip change the suggested name's extension from the server: typing before that render lands
        // would have it rewrite the field under the keystrokes.
        var uri = form.Locator("#uri-template");
        await Assertions.Expect(uri).ToHaveValueAsync(new Regex(Regex.Escape((jsonLines ? ".jsonl" : ".csv") + (gzip ? ".gz" : "")) + "$"));
        await uri.FillAsync(template);
        await uri.BlurAsync();
        await Assertions.Expect(uri).ToHaveValueAsync(template);
        await Assertions.Expect(form.GetByTestId("uri-preview")).ToContainTextAsync("Object name:");
        if (notify is not null)
        {
            await form.Locator("#emails").FillAsync(notify);
        }

        if (firstRun is not null)
        {
            await ChooseAsync(page, form, "first-run-choice", firstRun);
            await Assertions.Expect(form.GetByTestId("first-run-text"))
                .ToContainTextAsync(firstRun == "All retained events" ? "First run: exports all retained events" : "First run: exports the workbook's time range");
        }

        await Assertions.Expect(form.GetByTestId("save-schedule")).ToHaveTextAsync("Create");
        await form.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("schedules-grid")).ToBeVisibleAsync();
    }

    /// <summary>One of the schedule's actions, from its row's Actions menu.</summary>
    internal static async Task ActionAsync(IPage page, ILocator row, string action)
    {
        await row.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = action, Exact = true }).ClickAsync();
    }

    /// <summary>Chooses an option of one of the form's lists (named by its data-testid); the options open in a popover.</summary>
    private static async Task ChooseAsync(IPage page, ILocator form, string list, string option)
    {
        await form.GetByTestId(list).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Types a time zone; picks it from the suggestions when it is one, else leaves the field with the text as typed.</summary>
    private static async Task TimeZoneAsync(IPage page, ILocator form, string zone)
    {
        var field = form.Locator("#time-zone");
        await field.FillAsync(zone);
        var suggestion = page.GetByRole(AriaRole.Option, new() { Name = zone, Exact = true });
        try
        {
            await suggestion.ClickAsync(new() { Timeout = 3_000 });
        }
        catch (TimeoutException)
        {
            await field.PressAsync("Tab");
        }
    }

    private static string LabelOf(string integration) => integration.Split('_')[0] switch
    {
        "s3" => "AWS",
        "azure" => "Azure",
        _ => "GCP",
    };

    /// <summary>Send now on the schedule's row; waits for the run's result.</summary>
    internal static async Task<ILocator> SendNowAsync(IPage page, string scheduleText)
    {
        var row = page.GetByTestId("schedules-grid").Locator("tr", new() { HasText = scheduleText });
        await ActionAsync(page, row, "Send now");
        await Assertions.Expect(page.GetByTestId("send-now")).ToBeVisibleAsync();
        var result = page.GetByTestId("send-now-result");
        await result.WaitForAsync(new() { Timeout = 90_000 });
        return result;
    }

    internal static async Task<List<StoredObject>> ListAsync(ICloudStorage storage)
    {
        var objects = new List<StoredObject>();
        await foreach (var o in storage.ListAsync("", CancellationToken.None))
        {
            if (!o.Key.StartsWith(".adminportal-connection-test", StringComparison.Ordinal))
            {
                objects.Add(o);
            }
        }

        return objects;
    }

    internal static async Task<string> ReadAsync(ICloudStorage storage, string key)
    {
        await using var stream = await storage.OpenReadAsync(key, CancellationToken.None);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
