using System.Net;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>/api/users: the Users page's use cases over HTTP, audited in the token's user's name.</summary>
[Collection(ApiCollection.Name)]
public sealed class UsersApiTests(ApiPortal portal)
{
    [Fact]
    public async Task An_admin_token_adds_a_user_changes_their_role_disables_and_enables_them()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        var response = await api.PostJsonAsync("/api/users", new { email = "api.added@example.test", role = "Auditor", password = PortalFactory.Password });
        var id = (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutJsonAsync($"/api/users/{id}/role", new { role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/users/{id}/disable", null)).StatusCode);
        var disabled = await (await api.GetAsync("/api/users")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/users/{id}/enable", null)).StatusCode);

        var user = Assert.Single(disabled.EnumerateArray(), u => u.GetProperty("id").GetString() == id);
        Assert.Equal("Admin", user.GetProperty("role").GetString());
        Assert.True(user.GetProperty("isDisabled").GetBoolean());
        var events = await portal.SecurityEventsAsync("api.added@example.test");
        Assert.Equal([SecurityEventKind.UserCreated, SecurityEventKind.RoleChanged, SecurityEventKind.UserDisabled, SecurityEventKind.UserEnabled],
            events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(ApiClients.ApiUserEmail(PortalRoles.Admin), e.ActorEmail));
    }

    [Fact]
    public async Task An_auditors_token_cannot_list_or_add_users()
    {
        var auditor = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead, ApiScopes.ExportsWrite);

        var listed = await (await auditor.GetAsync("/api/users")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostJsonAsync("/api/users", new { email = "api.sneaky@example.test", role = "Admin", password = PortalFactory.Password }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("This token lacks the scope admin.", listed.GetProperty("detail").GetString());
        Assert.Empty(await portal.SecurityEventsAsync("api.sneaky@example.test"));
    }

    [Fact]
    public async Task An_unknown_role_answers_400_with_the_pages_message_and_an_unknown_user_404()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        var problem = await (await api.PostJsonAsync("/api/users", new { email = "api.nobody@example.test", role = "Owner", password = PortalFactory.Password }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await api.PutJsonAsync("/api/users/no-such-id/role", new { role = "Admin" })).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(["Choose a role: Admin or Auditor."], problem.Errors("role"));
        Assert.Equal("That user no longer exists.", unknown.GetProperty("detail").GetString());
    }
}
