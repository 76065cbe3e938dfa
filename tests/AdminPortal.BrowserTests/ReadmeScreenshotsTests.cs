using System.Text;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>
/// The README's screenshots, made as an Admin would see the portal after a week of use: the demo events, three storage
/// integrations, a schedule that delivered and one whose bucket vanished. README_SCREENSHOTS=docs writes
/// overview.png, audit-logs.png and integrations-dark.png at 1280×800. On a portal of its own, started like the shared
/// one: what it adds stays out of the other tests' way, and the pictures show nothing the other tests left.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReadmeScreenshotsTests(SharedPortal shared)
{
    private StoragePeers Peers => shared.Storage;

    [ReadmeScreenshotFact]
    public async Task The_readme_screenshots_show_the_overview_the_explorer_and_the_integrations_in_dark()
    {
        var folder = Environment.GetEnvironmentVariable(ReadmeScreenshotFactAttribute.Variable)!;
        Directory.CreateDirectory(folder);
        const string vanishing = "exports-okta-vanishing";
        using var s3 = IntegrationPages.S3Client(Peers);
        await s3.PutBucketAsync(vanishing);
        // A portal of its own: its integrations and schedules (and their audit events, "okta" among their words) would
        // otherwise be in the shared portal's lists and free-text searches that other tests count.
        await using var portal = await shared.StartPortalAsync();
        await using var admin = await shared.OpenAdminSessionAsync(portal, IntegrationPages.SettingsPath);
        var page = admin.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await IntegrationPages.AddS3Async(page, Peers, "s3_audit_archive", $"s3://{StoragePeers.S3Bucket}/audit-archive/");
        await IntegrationPages.AddAzureAsync(page, Peers, "azure_soc_lake",
            $"azure://{StoragePeers.AzureAccount}/{StoragePeers.AzureContainer}/soc-lake/");
        await IntegrationPages.AddGcsAsync(page, Peers, "gcs_compliance", "gs://audit-exports/compliance/");
        await IntegrationPages.AddS3Async(page, Peers, "s3_okta_exports", $"s3://{vanishing}/okta/");

        await ExportScheduleTests.SaveWorkbookAsync(admin, "SOC daily review");
        await ExportScheduleTests.OpenScheduleExportsAsync(page);
        await ExportScheduleTests.AddScheduleAsync(page, "s3_audit_archive", "soc/{yyyy}/{MM}/{dd}/events-{run}-{part}.jsonl.gz");
        await Assertions.Expect(await ExportScheduleTests.SendNowAsync(page, "SOC daily review")).ToContainTextAsync("Succeeded");
        await ExportScheduleTests.SaveWorkbookAsync(admin, "Okta sign-ins");
        await ExportScheduleTests.OpenScheduleExportsAsync(page);
        await ExportScheduleTests.AddScheduleAsync(page, "s3_okta_exports", "okta/events-{run}-{part}.csv.gz");
        await s3.DeleteBucketAsync(vanishing);
        await Assertions.Expect(await ExportScheduleTests.SendNowAsync(page, "Okta sign-ins")).ToContainTextAsync("Failed");

        await page.GotoAsync("/");
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("failure")).ToContainTextAsync("NoSuchBucket");
        await Assertions.Expect(page.GetByTestId("integration-health")).ToHaveCountAsync(4);
        await SaveAsync(page, Path.Combine(folder, "overview.png"));

        // The demo's events (not the portal's own, which this test's steps just wrote), in the columns a reviewer reads.
        var notThePortal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""[{"column":"Family","operator":"NotEquals","value":"adminportal"}]"""))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await page.GotoAsync($"/audit-logs?range=7d&cols=EventTimeUtc,Login,Action,Datasource,Status,TargetName&f={notThePortal}");
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
        await SaveAsync(page, Path.Combine(folder, "audit-logs.png"));

        await page.EvaluateAsync("() => localStorage.setItem('adminPortal.theme', 'dark')");
        await page.GotoAsync(IntegrationPages.SettingsPath);
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(IntegrationPages.Row(page, "gcs_compliance")).ToHaveCountAsync(1);
        await SaveAsync(page, Path.Combine(folder, "integrations-dark.png"));
        admin.AssertNoConsoleErrors();
    }

    /// <summary>The viewport only (what a person sees at 1280×800), once the lists and the chart have arrived.</summary>
    private static async Task SaveAsync(IPage page, string path)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = path });
        Assert.True(new FileInfo(path).Length is > 10_000 and < 250_000, $"{path} is {new FileInfo(path).Length:N0} bytes");
    }
}
