using AdminPortal.Core.Common;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

public sealed class UserAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private UserAdministration Administration => portal.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task An_admin_creates_an_auditor_who_is_listed_and_audited()
    {
        var result = await Administration.CreateAsync(Principals.Admin(),
            new CreateUserCommand { Email = " new.auditor@example.test ", Role = PortalRoles.Auditor, Password = "Auditor-Password-1" });

        Assert.True(result.Succeeded);
        var listed = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == "new.auditor@example.test");
        Assert.Equal(PortalRoles.Auditor, listed.Role);
        Assert.Contains(await portal.SecurityEventsAsync("new.auditor@example.test"),
            e => e.Kind == SecurityEventKind.UserCreated && e.ActorEmail == PortalFactory.AdminEmail);
    }

    [Theory]
    [InlineData("", "Email", "Enter an e-mail address.")]
    [InlineData("no-at-sign", "Email", "Enter an e-mail address like name@example.com.")]
    [InlineData("a@b", "Email", "Enter an e-mail address like name@example.com.")]
    public async Task A_bad_email_gets_a_clear_message(string email, string field, string message)
    {
        var result = await Administration.CreateAsync(Principals.Admin(),
            new CreateUserCommand { Email = email, Role = PortalRoles.Auditor, Password = "Auditor-Password-1" });

        Assert.Contains(message, result.Errors[field]);
    }

    [Fact]
    public async Task A_weak_password_is_explained_and_leaves_no_user_behind()
    {
        var result = await Administration.CreateAsync(Principals.Admin(),
            new CreateUserCommand { Email = "weak@example.test", Role = PortalRoles.Auditor, Password = "password" });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors["Password"], m => m.Contains("at least 12 characters"));
        Assert.Contains(result.Errors["Password"], m => m.Contains("uppercase"));
        Assert.DoesNotContain(await Administration.ListAsync(Principals.Admin()), u => u.Email == "weak@example.test");
    }

    [Fact]
    public async Task A_duplicate_email_is_refused()
    {
        var command = new CreateUserCommand { Email = "twice@example.test", Role = PortalRoles.Auditor, Password = "Auditor-Password-1" };
        Assert.True((await Administration.CreateAsync(Principals.Admin(), command)).Succeeded);

        var again = await Administration.CreateAsync(Principals.Admin(),
            new CreateUserCommand { Email = "TWICE@example.test", Role = PortalRoles.Admin, Password = "Auditor-Password-1" });

        Assert.Equal("A user with this e-mail address already exists.", again.Errors["Email"].Single());
    }

    [Fact]
    public async Task An_unknown_role_is_refused()
    {
        var result = await Administration.CreateAsync(Principals.Admin(),
            new CreateUserCommand { Email = "role@example.test", Role = "Root", Password = "Auditor-Password-1" });

        Assert.Contains("Choose a role: Admin or Auditor.", result.Errors["Role"]);
    }

    [Fact]
    public async Task An_auditor_cannot_use_user_administration()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.ListAsync(Principals.Auditor()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.CreateAsync(Principals.Auditor(),
            new CreateUserCommand { Email = "sneaky@example.test", Role = PortalRoles.Admin, Password = "Auditor-Password-1" }));
    }

    [Fact]
    public async Task Changing_a_role_is_applied_and_audited()
    {
        await portal.CreateUserAsync("promote@example.test", PortalRoles.Auditor);
        var id = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == "promote@example.test").Id;

        var result = await Administration.ChangeRoleAsync(Principals.Admin(), id, PortalRoles.Admin);

        Assert.True(result.Succeeded);
        Assert.Equal(PortalRoles.Admin, (await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == id).Role);
        Assert.Contains(await portal.SecurityEventsAsync("promote@example.test"), e => e.Kind == SecurityEventKind.RoleChanged);
    }

    [Fact]
    public async Task Disabling_and_enabling_a_user_is_audited()
    {
        await portal.CreateUserAsync("toggle@example.test", PortalRoles.Auditor);
        var id = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == "toggle@example.test").Id;

        Assert.True((await Administration.SetDisabledAsync(Principals.Admin(), id, true)).Succeeded);
        Assert.True((await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == id).IsDisabled);
        Assert.True((await Administration.SetDisabledAsync(Principals.Admin(), id, false)).Succeeded);

        var kinds = (await portal.SecurityEventsAsync("toggle@example.test")).Select(e => e.Kind).ToList();
        Assert.Contains(SecurityEventKind.UserDisabled, kinds);
        Assert.Contains(SecurityEventKind.UserEnabled, kinds);
    }
}

/// <summary>An account locked by someone else's failed attempts: an Admin unlocks it, audited with the Admin's name.</summary>
public sealed class UnlockTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private UserAdministration Administration => portal.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task An_admin_unlocks_a_locked_out_user_who_then_signs_in_and_the_unlock_is_audited()
    {
        const string email = "locked.by.others@example.test";
        var id = await LockedOutUserAsync(email);

        var result = await Administration.UnlockAsync(Principals.Admin(), id);

        Assert.True(result.Succeeded);
        Assert.Null((await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == id).LockedOutUntil);
        var signIn = await PortalFactory.SignInAsync(portal.CreateBrowserLikeClient(), email, PortalFactory.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(await portal.SecurityEventsAsync(email),
            e => e.Kind == SecurityEventKind.UserUnlocked && e.Success && e.ActorEmail == PortalFactory.AdminEmail);
    }

    [Fact]
    public async Task An_auditor_cannot_unlock_anyone()
    {
        const string auditor = "unlocking.auditor@example.test";
        await portal.CreateUserAsync(auditor, PortalRoles.Auditor);
        var id = await LockedOutUserAsync("still.locked@example.test");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.UnlockAsync(Principals.Auditor(auditor), id));

        Assert.NotNull((await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == id).LockedOutUntil);
    }

    private async Task<string> LockedOutUserAsync(string email)
    {
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.LockOutAsync(client, email);

        var user = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == email);
        Assert.NotNull(user.LockedOutUntil);
        return user.Id;
    }
}

/// <summary>Last-Admin rules need a portal whose only Admin is the bootstrap one.</summary>
public sealed class LastAdminTests : IDisposable
{
    private readonly PortalFactory portal = new();

    private UserAdministration Administration => portal.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task The_last_admin_cannot_be_disabled()
    {
        var admin = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == PortalFactory.AdminEmail);

        var result = await Administration.SetDisabledAsync(Principals.Admin(), admin.Id, true);

        Assert.False(result.Succeeded);
        Assert.Contains("last active Admin", result.Errors[""].Single());
        Assert.False((await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == admin.Id).IsDisabled);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_made_an_auditor()
    {
        var admin = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == PortalFactory.AdminEmail);

        var result = await Administration.ChangeRoleAsync(Principals.Admin(), admin.Id, PortalRoles.Auditor);

        Assert.False(result.Succeeded);
        Assert.Equal(PortalRoles.Admin, (await Administration.ListAsync(Principals.Admin())).Single(u => u.Id == admin.Id).Role);
    }

    [Fact]
    public async Task With_a_second_admin_the_first_can_be_disabled()
    {
        await portal.CreateUserAsync("second.admin@example.test", PortalRoles.Admin);
        var admin = (await Administration.ListAsync(Principals.Admin())).Single(u => u.Email == PortalFactory.AdminEmail);

        var result = await Administration.SetDisabledAsync(Principals.Admin("second.admin@example.test"), admin.Id, true);

        Assert.True(result.Succeeded);
    }

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task A_page_of_users_is_counted_and_sorted_by_the_database_with_each_users_role()
    {
        foreach (var email in new[] { "page.b@example.test", "page.a@example.test" })
        {
            Assert.True((await Administration.CreateAsync(Principals.Admin(),
                new CreateUserCommand { Email = email, Role = PortalRoles.Auditor, Password = "Auditor-Password-1" })).Succeeded);
        }

        var all = await Administration.ListAsync(Principals.Admin());
        var page = await Administration.PageAsync(Principals.Admin(), new ListQuery(Take: ListQuery.MaxTake, SortBy: nameof(UserSummary.Email), Descending: true));

        Assert.Equal(all.Count, page.Total);
        Assert.Equal(all.Select(u => u.Email).OrderByDescending(e => e.ToUpperInvariant(), StringComparer.Ordinal), page.Rows.Select(u => u.Email));
        Assert.Equal(PortalRoles.Auditor, page.Rows.Single(u => u.Email == "page.a@example.test").Role);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.PageAsync(Principals.Auditor(), new ListQuery()));
    }
}
