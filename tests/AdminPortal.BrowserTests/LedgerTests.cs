using System.Globalization;
using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The identity ledger from import to explorer, as an Admin walks it (issue 16).</summary>
[Collection(PortalCollection.Name)]
public sealed class LedgerTests(SharedPortal shared)
{
    [Fact]
    public async Task An_Admin_imports_the_ledger_runs_a_policy_and_follows_the_identity_from_the_explorer_and_back()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-ledger-");
        var identities = Path.Combine(folder.FullName, "identities.csv");
        var accounts = Path.Combine(folder.FullName, "accounts.csv");
        await File.WriteAllTextAsync(identities, "hrCode,fullName,email\nB001,Brenda Browser,brenda@corp.example\n");
        // The portal audits itself as the Admin's e-mail in repository adminportal: her sign-ins are the events matched.
        await File.WriteAllTextAsync(accounts, $"login,repository,owner\n{SharedPortal.AdminEmail},adminportal,B001\n");
        await using var admin = await shared.OpenAdminSessionAsync("/admin/ledger");
        var page = admin.Page;

        await page.GetByTestId("ledger-file").SetInputFilesAsync(identities);
        await page.GetByTestId("ledger-import-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ledger-report")).ToContainTextAsync("1 added");
        await page.GetByTestId("ledger-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Account (accounts)", Exact = true }).ClickAsync();
        await page.GetByTestId("ledger-file").SetInputFilesAsync(accounts);
        await page.GetByTestId("ledger-import-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ledger-report")).ToContainTextAsync("Account snapshot");
        await Assertions.Expect(page.GetByTestId("ledger-kind-accounts")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("ledger-imports")).ToContainTextAsync("accounts.csv");

        await page.GetByTestId("open-policies").ClickAsync();
        await page.GetByTestId("new-policy").ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("browser-accounts");
        // The new rule's defaults: the actor's login, any case, in the accounts, shown as the owner's full name.
        await Assertions.Expect(page.GetByTestId("rule-0-title")).ToContainTextAsync("Actor");
        await page.GetByTestId("save-policy").ClickAsync();
        var row = page.GetByTestId("policy-browser-accounts");
        await Assertions.Expect(row).ToContainTextAsync("Actor · Case-insensitive");
        await row.GetByTestId("run-policy-browser-accounts").ClickAsync();
        await page.GetByTestId("run-from").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByTestId("run-policy").ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-report")).ToContainTextAsync(new Regex(@"[1-9][\d,]* actors and"));
        await admin.CaptureAsync("ledger-policy-run");

        await page.GotoAsync("/audit-logs?range=24h&q=" + Uri.EscapeDataString(SharedPortal.AdminEmail));
        await admin.WaitForCircuitAsync();
        var name = page.GetByTestId("events-grid").GetByTestId("ledger-name").First;
        await Assertions.Expect(name).ToHaveTextAsync("Brenda Browser");
        await admin.CaptureAsync("ledger-explorer-names");
        await name.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Brenda Browser");
        await Assertions.Expect(page.GetByTestId("entity-accounts")).ToContainTextAsync($"{SharedPortal.AdminEmail} (adminportal)");
        await Assertions.Expect(page.GetByTestId("entity-events")).ToContainTextAsync(SharedPortal.AdminEmail);
        await page.SetViewportSizeAsync(390, 844);
        Assert.Null(await page.EvaluateAsync<string?>(EveryPageFitsTests.OverflowScript));
        await admin.CaptureAsync("ledger-entity-phone");
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByTestId("entity-events-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"identity=\d+"));
        await Assertions.Expect(page.GetByTestId("identity-filter")).ToContainTextAsync("Events of Brenda Browser");
        var rows = page.GetByTestId("events-grid").Locator("tr.event-row");
        await Assertions.Expect(rows.First).ToContainTextAsync("Brenda Browser");
        Assert.All(await rows.AllInnerTextsAsync(), text => Assert.Contains("Brenda Browser", text));
        admin.AssertNoConsoleErrors();
    }
}
