using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class IngestionAdministrationTests(SharedPortal shared)
{
    [Fact]
    public async Task An_admin_creates_an_ingest_token_shown_once_that_sends_events_until_revoked()
    {
        await using var admin = await shared.OpenAdminSessionAsync("/api-tokens");
        var page = admin.Page;

        await page.GetByTestId("token-name").FillAsync("browser-sender");
        await page.GetByTestId("scope-audit-ingest").CheckAsync();
        await page.GetByTestId("create-token").ClickAsync();
        var token = (await page.Locator("#new-token-value").InnerTextAsync()).Trim();
        Assert.StartsWith("apt_", token);
        await Assertions.Expect(page.GetByTestId("tokens-grid")).ToContainTextAsync("browser-sender");

        using var http = new HttpClient { BaseAddress = shared.Portal.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var ndjson = """{"eventId":"browser-token-1","eventTime":"2026-11-21T10:00:00Z","datasource":"github","family":"application","login":"tokenuser@corp.example","repository":"github.com/corp","code":"repo.push","codeLabel":"Commits pushed","action":"write"}""";
        var sent = await http.PostAsync("api/audit-events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());

        await page.ReloadAsync();
        await admin.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("new-token")).ToHaveCountAsync(0);
        await page.GetByTestId("revoke-browser-sender").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tokens-grid")).ToContainTextAsync("Revoked");
        var refused = await http.PostAsync("api/audit-events", new StringContent(ndjson.Replace("token-1", "token-2"), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);

        await page.GotoAsync("/audit-logs?range=custom&from=2026-11-01T00:00:00Z&q=tokenuser");
        await Assertions.Expect(page.GetByTestId("events-grid").Locator("tr.event-row")).ToHaveCountAsync(1);
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task An_admin_collects_a_csv_log_with_its_mapping_files_and_sees_what_was_rejected()
    {
        await using var admin = await shared.OpenAdminSessionAsync("/admin/csv-collection");
        var page = admin.Page;
        var examples = Path.Combine(AppContext.BaseDirectory, "Examples");

        await page.GetByTestId("csv-log").SetInputFilesAsync(Path.Combine(examples, "windows-security.csv"));
        await page.GetByTestId("csv-properties").SetInputFilesAsync(Path.Combine(examples, "windows-security.eventproperties.csv"));
        await page.GetByTestId("csv-mapping").SetInputFilesAsync(Path.Combine(examples, "windows-security.mapping.csv"));
        await page.GetByTestId("csv-collect").ClickAsync();

        await Assertions.Expect(page.GetByTestId("csv-report")).ToContainTextAsync(new Regex(@"\d+ stored"));
        await Assertions.Expect(page.GetByTestId("csv-rejections")).ToContainTextAsync("line");
        await admin.CaptureAsync("csv-collection");

        await page.GotoAsync("/audit-logs?range=custom&from=2026-11-01T00:00:00Z&q=mdupont");
        await Assertions.Expect(page.GetByTestId("events-grid").Locator("tr.event-row").First).ToContainTextAsync("mdupont");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task An_auditor_explores_audit_logs_but_never_sees_administration()
    {
        const string auditor = "explorer.auditor@example.test";
        const string password = "Explorer-Pass-2026";
        await shared.AddUserAsync(auditor, "Auditor", password);

        await using var session = await shared.OpenSessionAsync();
        await session.SignInAsync(auditor, password);
        await session.WaitForCircuitAsync();
        await session.Page.GetByTestId("main-nav").GetByText("Audit Logs").ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId("events-grid").Locator("tr.event-row").First).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("main-nav")).Not.ToContainTextAsync("Administration");

        foreach (var path in new[] { "/admin/users", "/admin/csv-collection", "/admin/settings", "/admin/account/general-settings" })
        {
            var response = await session.Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
        }

        // Their own API tokens, with the scopes an Auditor may hold and no other.
        await session.Page.GotoAsync("/api-tokens");
        await session.WaitForCircuitAsync();
        await Assertions.Expect(session.Page.GetByTestId("scope-audit-read")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("scope-exports-write")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("scope-audit-ingest")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.GetByTestId("scope-admin")).ToHaveCountAsync(0);

        session.AssertNoConsoleErrors();
    }
}
