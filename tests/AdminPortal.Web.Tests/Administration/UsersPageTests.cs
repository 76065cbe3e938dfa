using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Administration;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Administration;

/// <summary>The Users list on the real Core: the database pages and sorts it, the grid asks for one page at a time.</summary>
public sealed class UsersPageTests : CorePortalContext
{
    /// <summary>The bootstrapped Admin and 29 Auditors: 30 users, a page of 25 and a page of 5.</summary>
    private async Task SeedUsersAsync()
    {
        var administration = Services.GetRequiredService<UserAdministration>();
        for (var i = 1; i <= 29; i++)
        {
            var created = await administration.CreateAsync(Admin, new CreateUserCommand
            {
                Email = $"auditor{i:00}@example.test",
                Role = PortalRoles.Auditor,
                Password = AdminPassword,
            });
            Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        }
    }

    private static List<string> Emails(IRenderedComponent<Users> page) =>
        page.FindAll("[data-testid=users-grid] tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();

    private static IElement Header(IRenderedComponent<Users> page, string title) =>
        page.FindAll("[data-testid=users-grid] th").Single(th => th.TextContent.Trim() == title);

    [Fact]
    public async Task The_list_shows_the_first_25_users_by_e_mail_and_counts_them_all()
    {
        await SeedUsersAsync();

        var page = Render<Users>();

        page.WaitForAssertion(() => Assert.Equal(25, Emails(page).Count));
        Assert.Equal([AdminEmail, .. Enumerable.Range(1, 24).Select(i => $"auditor{i:00}@example.test")], Emails(page));
        Assert.Contains("1-25 of 30", page.Find("[data-testid=users-grid]").TextContent);
    }

    [Fact]
    public async Task Sorting_by_e_mail_descending_brings_the_last_page_s_user_first()
    {
        await SeedUsersAsync();
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Equal(25, Emails(page).Count));

        Header(page, "E-mail").QuerySelector(".sortable-column-header")!.Click();

        // auditor29 was on the second page: only a sort done by the database brings it to the top of the first.
        page.WaitForAssertion(() => Assert.Equal("auditor29@example.test", Emails(page)[0]));
        Assert.Equal(25, Emails(page).Count);
    }
}
