using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class ApiTokenPageTests(SharedPortal shared)
{
    [Fact]
    public async Task An_auditor_creates_a_token_of_their_own_and_an_admin_revokes_it_from_everyones_tokens()
    {
        const string auditor = "tokens.auditor@example.test";
        const string password = "Tokens-Pass-2026";
        await shared.AddUserAsync(auditor, "Auditor", password);

        await using var session = await shared.OpenSessionAsync();
        await session.SignInAsync(auditor, password);
        await session.WaitForCircuitAsync();
        await session.Page.GetByTestId("main-nav").GetByText("API tokens").ClickAsync();
        await session.Page.GetByTestId("token-name").FillAsync("auditor-report");
        await session.Page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose at least one scope.");
        await session.Page.GetByTestId("scope-audit-read").CheckAsync();
        await session.Page.GetByTestId("token-expiry").SelectOptionAsync("30");
        await session.Page.GetByTestId("create-token").ClickAsync();
        var token = (await session.Page.Locator("#new-token-value").InnerTextAsync()).Trim();
        Assert.StartsWith("apt_", token);
        await session.Page.GetByTestId("copy-token").ClickAsync();
        await Assertions.Expect(session.Page.GetByText("The token is on the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(token, await session.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(session.Page.GetByTestId("tokens-grid")).ToContainTextAsync("audit:read");
        await session.CaptureAsync("api-tokens-auditor");

        await using (var admin = await shared.OpenAdminSessionAsync("/api-tokens"))
        {
            await Assertions.Expect(admin.Page.GetByTestId("tokens-grid")).Not.ToContainTextAsync("auditor-report");
            await admin.Page.GetByTestId("show-all").GetByRole(AriaRole.Checkbox).CheckAsync();
            await Assertions.Expect(admin.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("all=true"));
            await Assertions.Expect(admin.Page.GetByTestId("tokens-grid")).ToContainTextAsync(auditor);
            await admin.Page.GetByTestId("revoke-auditor-report").ClickAsync();
            await admin.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await Assertions.Expect(admin.Page.GetByTestId("revoke-auditor-report")).ToHaveCountAsync(0);
            await admin.CaptureAsync("api-tokens-everyone");
            admin.AssertNoConsoleErrors();
        }

        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.GetByTestId("tokens-grid")).ToContainTextAsync("Revoked");
        await Assertions.Expect(session.Page.GetByTestId("new-token")).ToHaveCountAsync(0);
        session.AssertNoConsoleErrors();
    }
}
