using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.ApiTokens;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.ApiTokens;

/// <summary>The API tokens list on the real Core: a page at a time from the database, the Admin's view of everyone's with owners.</summary>
public sealed class ApiTokensGridTests : CorePortalContext
{
    private async Task SeedTokensAsync(int count)
    {
        var create = Services.GetRequiredService<CreateApiToken>();
        for (var i = 1; i <= count; i++)
        {
            var created = await create.HandleAsync(Admin, new CreateApiTokenCommand($"script-{i:00}", [ApiScopes.All[0]], null));
            Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        }
    }

    private static List<string> Names(IRenderedComponent<ApiTokensGrid> grid) =>
        grid.FindAll("[data-testid=tokens-grid] tbody tr").Select(r => r.QuerySelector("td div")!.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_tokens_come_50_a_page_by_name_and_the_next_page_holds_the_rest()
    {
        await SeedTokensAsync(55);

        var grid = Render<ApiTokensGrid>();

        grid.WaitForAssertion(() => Assert.Equal(50, Names(grid).Count));
        Assert.Equal("script-01", Names(grid)[0]);
        Assert.Contains("1-50 of 55", grid.Markup);
        grid.Find("[data-testid=tokens-grid] button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(["script-51", "script-52", "script-53", "script-54", "script-55"], Names(grid)));
    }

    [Fact]
    public async Task Everyones_tokens_name_their_owners()
    {
        await SeedTokensAsync(1);

        var grid = Render<ApiTokensGrid>(p => p.Add(g => g.Everyone, true));

        grid.WaitForAssertion(() => Assert.Contains(AdminEmail, grid.Find("[data-testid=tokens-grid] tbody tr").TextContent));
        Assert.Contains("Name / owner", grid.Find("[data-testid=tokens-grid] thead").TextContent);
    }
}
