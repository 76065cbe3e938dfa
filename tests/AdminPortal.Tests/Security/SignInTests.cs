using System.Net;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Security;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_sign_in_is_audited_with_the_address()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var events = await portal.SecurityEventsAsync(PortalFactory.AdminEmail);
        Assert.Contains(events, e => e.Kind == SecurityEventKind.SignIn && e.Success);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_is_audited()
    {
        const string email = "wrong.password@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, email, "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not correct", await response.Content.ReadAsStringAsync());
        Assert.Contains(await portal.SecurityEventsAsync(email), e => e.Kind == SecurityEventKind.SignInFailed && !e.Success);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_message_as_a_wrong_password()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "nobody@example.test", "Whatever-Password-1");

        Assert.Contains("is not correct", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        const string email = "lockout@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var client = portal.CreateBrowserLikeClient();

        await PortalFactory.LockOutAsync(client, email);

        var response = await PortalFactory.SignInAsync(client, email, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        Assert.Contains(await portal.SecurityEventsAsync(email), e => e.Kind == SecurityEventKind.LockedOut);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_gets_the_same_message_as_an_unknown_user()
    {
        const string email = "locked.same.message@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.LockOutAsync(client, email);

        var locked = await PortalFactory.SignInAsync(client, email, PortalFactory.Password);
        var unknown = await PortalFactory.SignInAsync(client, "nobody.at.all@example.test", PortalFactory.Password);

        Assert.Equal(await ErrorOfAsync(unknown), await ErrorOfAsync(locked));
        Assert.Contains(await portal.SecurityEventsAsync(email), e => e.Kind == SecurityEventKind.LockedOut);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        const string email = "disabled.signin@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var admin = Principals.Admin();
        var administration = portal.Services.GetService(typeof(UserAdministration)) as UserAdministration;
        var id = (await administration!.ListAsync(admin)).Single(u => u.Email == email).Id;
        Assert.True((await administration.SetDisabledAsync(admin, id, true)).Succeeded);
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, email, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("disabled", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_fields_get_a_clear_message()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "", "");

        Assert.Contains("Enter your e-mail address and password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_is_audited()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);
        var page = await client.GetStringAsync("/signout");

        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Contains(await portal.SecurityEventsAsync(PortalFactory.AdminEmail), e => e.Kind == SecurityEventKind.SignOut);
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var match = System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "data-testid=\"signin-error\">([^<]*)<");
        Assert.True(match.Success, "The page shows no sign-in error.");
        return match.Groups[1].Value;
    }
}
