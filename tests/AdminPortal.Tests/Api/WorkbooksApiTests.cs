using System.Net;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>/api/workbooks: Save As, open, add an element, rename, delete; the owner rule and the form's messages.</summary>
[Collection(ApiCollection.Name)]
public sealed class WorkbooksApiTests(ApiPortal portal)
{
    [Fact]
    public async Task A_workbook_saved_over_the_API_opens_with_its_element_and_can_be_renamed_extended_and_deleted()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.ExportsWrite, ApiScopes.AuditRead);

        var created = await (await api.PostJsonAsync("/api/workbooks", new { name = "Logins", folder = "api", element = new { name = "Failed", state = new { range = "24h", search = "denied" } } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var added = await (await api.PostJsonAsync($"/api/workbooks/{id}/elements", new { name = "All", state = new { } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutJsonAsync($"/api/workbooks/{id}", new { name = "Logins (renamed)", folder = "api" })).StatusCode);
        var opened = await (await api.GetAsync($"/api/workbooks/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Logins (renamed)", opened.GetProperty("name").GetString());
        var elements = opened.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal([created.GetProperty("elementId").GetInt32(), added.GetProperty("id").GetInt32()], elements.Select(e => e.GetProperty("id").GetInt32()));
        Assert.Equal("Failed", elements[0].GetProperty("name").GetString());
        Assert.Equal("denied", elements[0].GetProperty("state").GetProperty("search").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/workbooks/{id}")).StatusCode);
        await (await api.GetAsync($"/api/workbooks/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_workbook_without_a_name_answers_400_with_the_save_dialogs_message()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite);

        var problem = await (await api.PostJsonAsync("/api/workbooks", new { name = " ", element = new { state = new { } } })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Give the workbook a name."], problem.Errors("name"));
    }

    [Fact]
    public async Task A_read_only_token_may_open_workbooks_but_not_save_one()
    {
        var reader = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead);

        var listed = await reader.GetAsync("/api/workbooks");
        var refused = await (await reader.PostJsonAsync("/api/workbooks", new { name = "Not saved", element = new { state = new { } } }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("This token lacks the scope exports:write.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_auditor_cannot_see_or_change_an_admins_workbook()
    {
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var id = (await (await admin.PostJsonAsync("/api/workbooks", new { name = "Admin's", element = new { state = new { } } })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetInt32();
        var auditor = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.ExportsWrite, ApiScopes.AuditRead);

        await (await auditor.GetAsync($"/api/workbooks/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var refused = await (await auditor.DeleteAsync($"/api/workbooks/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("That workbook no longer exists, or it is not yours.", refused.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/workbooks/{id}")).StatusCode);
    }
}
