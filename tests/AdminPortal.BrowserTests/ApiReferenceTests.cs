using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The API's reference page (Scalar) as a signed-in user's browser shows it, under the portal's CSP.</summary>
[Collection(PortalCollection.Name)]
public sealed class ApiReferenceTests(SharedPortal shared)
{
    [Fact]
    public async Task The_reference_page_renders_every_group_of_the_API_without_a_CSP_violation()
    {
        await using var session = await shared.OpenSessionAsync();
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);

        await session.Page.GotoAsync("/api/reference");

        await Assertions.Expect(session.Page.GetByText("AdminPortal API").First).ToBeVisibleAsync();
        foreach (var group in new[] { "Integrations", "Schedules", "Runs", "Workbooks", "Users", "Tokens" })
        {
            await Assertions.Expect(session.Page.GetByText(group, new() { Exact = true }).First).ToBeAttachedAsync();
        }

        await session.CaptureAsync("api-reference");
        session.AssertNoConsoleErrors();
    }
}
