using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class UserAdministrationTests(SharedPortal shared)
{
    [Fact]
    public async Task An_admin_creates_an_auditor_who_signs_in_without_administration()
    {
        const string auditor = "new.auditor@example.test";
        const string password = "Auditor-Pass-2026";
        await using var admin = await shared.OpenAdminSessionAsync("/admin/users");

        await AddUserAsync(admin.Page, auditor, "Auditor", password);

        await Assertions.Expect(admin.Page.GetByText("User added")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.GetByTestId("users-grid")).ToContainTextAsync(auditor);
        await admin.CaptureAsync("users-page");
        await admin.SignOutAsync();

        await using var session = await shared.OpenSessionAsync();
        await session.SignInAsync(auditor, password);
        await Assertions.Expect(session.Page.GetByTestId("welcome")).ToContainTextAsync($"{auditor} (Auditor)");
        await session.WaitForCircuitAsync();
        await Assertions.Expect(session.Page.GetByTestId("main-nav")).Not.ToContainTextAsync("Administration");
        await session.Page.GetByTestId("user-menu").ClickAsync();
        await Assertions.Expect(session.Page.GetByText("Sign out")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByText("Administration")).ToHaveCountAsync(0);
        await session.CaptureAsync("auditor-overview-menu");

        var typed = await session.Page.GotoAsync("/admin/users");
        Assert.Equal(403, typed!.Status);
        await Assertions.Expect(session.Page.GetByTestId("forbidden")).ToBeVisibleAsync();
        await session.CaptureAsync("auditor-403");
        admin.AssertNoConsoleErrors();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_add_user_form_explains_bad_input()
    {
        await using var admin = await shared.OpenAdminSessionAsync("/admin/users");
        var page = admin.Page;

        await page.GetByTestId("add-user").ClickAsync();
        var form = page.GetByTestId("add-user-form");
        await form.GetByTestId("add-user-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Enter an e-mail address.");
        await Assertions.Expect(form).ToContainTextAsync("Enter an initial password.");

        await page.Locator("#new-email").FillAsync("not-an-address");
        await page.Locator("#new-password").FillAsync("weak");
        await form.GetByTestId("add-user-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Enter an e-mail address like name@example.com.");

        await page.Locator("#new-email").FillAsync("weak.password@example.test");
        await form.GetByTestId("add-user-submit").ClickAsync();
        // The password message is already on screen from the last submit: wait for the e-mail message to go, which
        // proves this submit was answered before the next fields are typed (a dialog re-rendered mid-typing moves focus).
        await Assertions.Expect(form).Not.ToContainTextAsync("Enter an e-mail address like name@example.com.");
        await Assertions.Expect(form).ToContainTextAsync("Passwords must be at least 12 characters.");
        await Assertions.Expect(form.GetByTestId("add-user-submit")).ToBeEnabledAsync();

        await page.Locator("#new-email").FillAsync(SharedPortal.AdminEmail);
        await page.Locator("#new-password").FillAsync("Long-Enough-Pass-1");
        await form.GetByTestId("add-user-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("A user with this e-mail address already exists.");
        await admin.CaptureAsync("add-user-duplicate");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_sign_in()
    {
        const string email = "to.disable@example.test";
        const string password = "Disable-Me-2026";
        await using var admin = await shared.OpenAdminSessionAsync("/admin/users");
        await AddUserAsync(admin.Page, email, "Auditor", password);
        await Assertions.Expect(admin.Page.GetByTestId($"disable-{email}")).ToBeVisibleAsync();

        await admin.Page.GetByTestId($"disable-{email}").ClickAsync();
        await admin.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId($"enable-{email}")).ToBeVisibleAsync();

        await using var session = await shared.OpenSessionAsync();
        await session.SignInAsync(email, password);
        await Assertions.Expect(session.Page.GetByTestId("signin-error")).ToContainTextAsync("disabled");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task An_admin_unlocks_a_user_locked_out_by_failed_attempts_who_then_signs_in()
    {
        const string email = "to.unlock@example.test";
        const string password = "Unlock-Me-2026";
        await using var admin = await shared.OpenAdminSessionAsync("/admin/users");
        await AddUserAsync(admin.Page, email, "Auditor", password);
        await Assertions.Expect(admin.Page.GetByTestId($"disable-{email}")).ToBeVisibleAsync();
        await using var session = await shared.OpenSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            await session.SignInAsync(email, "Wrong-Password-" + i);
            await Assertions.Expect(session.Page.GetByTestId("signin-error")).ToBeVisibleAsync();
        }

        await admin.Page.ReloadAsync();
        await admin.WaitForCircuitAsync();
        await admin.Page.GetByTestId($"unlock-{email}").ClickAsync();

        await Assertions.Expect(admin.Page.GetByText("User unlocked")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.GetByTestId($"unlock-{email}")).ToHaveCountAsync(0);
        await session.SignInAsync(email, password);
        await Assertions.Expect(session.Page.GetByTestId("welcome")).ToContainTextAsync($"{email} (Auditor)");
        admin.AssertNoConsoleErrors();
    }

    private static async Task AddUserAsync(IPage page, string email, string role, string password)
    {
        await page.GetByTestId("add-user").ClickAsync();
        await page.Locator("#new-email").FillAsync(email);
        await page.GetByTestId("add-user-form").GetByRole(AriaRole.Radio, new() { Name = role, Exact = true }).CheckAsync();
        await page.Locator("#new-password").FillAsync(password);
        await page.GetByTestId("add-user-submit").ClickAsync();
    }
}
