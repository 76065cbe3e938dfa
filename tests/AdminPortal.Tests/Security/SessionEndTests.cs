using System.Net;
using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Security;

/// <summary>Sign-out, a role change and disabling end every session of the user at once: cookies, and pages left open.</summary>
public sealed class SessionEndTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private UserAdministration Administration => portal.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        const string email = "copied.cookie@example.test";
        var (client, signIn) = await SignedInAsync(email, PortalRoles.Admin);
        var copy = ClientWithCookie(AuthCookie(signIn));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin/users")).StatusCode);

        await SignOutAsync(client);

        var page = await copy.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await copy.GetAsync("/audit-logs/export.csv")).StatusCode);
    }

    [Fact]
    public async Task A_demoted_admins_cookie_no_longer_opens_an_admin_page()
    {
        const string email = "demoted.cookie@example.test";
        var (client, _) = await SignedInAsync(email, PortalRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        Assert.True((await Administration.ChangeRoleAsync(Principals.Admin(), await IdOfAsync(email), PortalRoles.Auditor)).Succeeded);

        var page = await client.GetAsync("/admin/users");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_disabled_users_cookie_is_refused_at_once()
    {
        const string email = "disabled.cookie@example.test";
        var (client, _) = await SignedInAsync(email, PortalRoles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit-logs/export.csv")).StatusCode);

        Assert.True((await Administration.SetDisabledAsync(Principals.Admin(), await IdOfAsync(email), true)).Succeeded);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit-logs/export.csv")).StatusCode);
    }

    [Fact]
    public async Task A_page_left_open_by_a_demoted_admin_can_no_longer_do_admin_things()
    {
        const string email = "demoted.page@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Admin);
        var openPage = await PrincipalOfCookieAsync(email);
        var tokens = portal.Services.GetRequiredService<CreateApiToken>();
        Assert.NotNull((await tokens.HandleAsync(openPage, new("before-demotion", [ApiScopes.Admin], null))).Value);

        Assert.True((await Administration.ChangeRoleAsync(Principals.Admin(), await IdOfAsync(email), PortalRoles.Auditor)).Succeeded);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tokens.HandleAsync(openPage, new("after-demotion", [ApiScopes.Admin], null)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.ListAsync(openPage));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            portal.Services.GetRequiredService<AdminPortal.Core.Integrations.ListIntegrations>().HandleAsync(openPage));
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.ApiTokens.AnyAsync(t => t.Name == "after-demotion"));
    }

    [Fact]
    public async Task A_page_left_open_after_sign_out_in_another_tab_can_no_longer_do_admin_things()
    {
        const string email = "signed.out.page@example.test";
        var (client, _) = await SignedInAsync(email, PortalRoles.Admin);
        var openPage = await PrincipalOfCookieAsync(email);
        var tokens = portal.Services.GetRequiredService<CreateApiToken>();
        Assert.NotNull((await tokens.HandleAsync(openPage, new("before-sign-out", [ApiScopes.Admin], null))).Value);

        await SignOutAsync(client);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tokens.HandleAsync(openPage, new("after-sign-out", [ApiScopes.Admin], null)));
    }

    private async Task<(HttpClient Client, HttpResponseMessage SignIn)> SignedInAsync(string email, string role)
    {
        await portal.CreateUserAsync(email, role);
        var client = portal.CreateBrowserLikeClient();
        return (client, await PortalFactory.SignInAsync(client, email, PortalFactory.Password));
    }

    /// <summary>The principal a circuit holds: the one the sign-in cookie carries (roles and security stamp of that moment).</summary>
    private async Task<ClaimsPrincipal> PrincipalOfCookieAsync(string email)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user!);
    }

    private async Task<string> IdOfAsync(string email) =>
        (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == email).Id;

    private static async Task SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/signout");
        var response = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The session cookie as a thief would copy it from the sign-in response (all its chunks).</summary>
    private static string AuthCookie(HttpResponseMessage signIn) => string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
        .Where(c => c.StartsWith("AdminPortal.Auth", StringComparison.Ordinal))
        .Select(c => c.Split(';')[0]));

    private HttpClient ClientWithCookie(string cookie)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
