using System.Net;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Common;
using AdminPortal.Core.Users;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>The explorer and its CSV download over HTTP, on each provider (<see cref="SqliteExplorerAccessTests"/>, <see cref="PostgreSqlExplorerAccessTests"/>).</summary>
public abstract class ExplorerAccessTests(SeededPortalFactory portal)
{
    [Fact]
    public async Task An_auditor_opens_the_explorer_and_workbooks()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, SeededPortalFactory.AuditorEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/audit-logs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbooks")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_explorer_and_csv_requests_go_to_sign_in()
    {
        var client = portal.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit-logs")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit-logs/export.csv")).StatusCode);
    }

    [Fact]
    public async Task A_user_without_a_role_reads_nothing()
    {
        var explorer = portal.Services.GetRequiredService<AuditLogExplorer>();
        var nobody = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "x@example.test")], "test"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => explorer.PageAsync(nobody, new ExplorerState(), 0, 10));
    }

    [Fact]
    public async Task The_explorer_and_workbooks_refuse_a_session_whose_Auditor_role_the_database_no_longer_holds()
    {
        const string email = "demoted.auditor@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var session = Principals.Auditor(email);
        var workbooks = portal.Services.GetRequiredService<WorkbookService>();
        var id = (await workbooks.SaveAsAsync(session, "Before", "", new ExplorerState())).Value;

        await portal.RemoveRoleAsync(email, PortalRoles.Auditor);

        var explorer = portal.Services.GetRequiredService<AuditLogExplorer>();
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => explorer.PageAsync(session, new ExplorerState(), 0, 10));
        Assert.Equal("Only Admins and Auditors may read audit logs.", refused.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => explorer.HistogramAsync(session, new ExplorerState()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
        {
            await foreach (var _ in explorer.StreamAsync(session, new ExplorerState()))
            {
            }
        });
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workbooks.ListAsync(session));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workbooks.GetAsync(session, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workbooks.RenameAsync(session, id, "After", null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => workbooks.DeleteAsync(session, id));
    }

    [Fact]
    public async Task A_session_still_claiming_Admin_after_the_database_made_it_an_Auditor_sees_only_its_own_workbooks()
    {
        const string owner = "keeps.own@example.test";
        const string former = "former.admin@example.test";
        await portal.CreateUserAsync(owner, PortalRoles.Auditor);
        await portal.CreateUserAsync(former, PortalRoles.Admin);
        var workbooks = portal.Services.GetRequiredService<WorkbookService>();
        var id = (await workbooks.SaveAsAsync(Principals.Auditor(owner), "Not the former Admin's", "", new ExplorerState())).Value;
        var session = Principals.Admin(former);
        Assert.NotNull(await workbooks.GetAsync(session, id));

        await portal.RemoveRoleAsync(former, PortalRoles.Admin);
        await portal.AddRoleAsync(former, PortalRoles.Auditor);

        Assert.Null(await workbooks.GetAsync(session, id));
        Assert.DoesNotContain(await workbooks.ListAsync(session), w => w.Id == id);
        Assert.False((await workbooks.DeleteAsync(session, id)).Succeeded);
    }

    [Fact]
    public async Task The_csv_download_streams_the_filtered_view_with_its_columns()
    {
        var writer = portal.Services.GetRequiredService<AuditEventWriter>();
        var now = DateTime.UtcNow;
        await writer.StoreAsync([
            AuditStoreTests.Event("csv-1", now.AddMinutes(-5), login: "dana@corp.example", payload: "=HYPERLINK(\"x\")"),
            AuditStoreTests.Event("csv-2", now.AddMinutes(-4), login: "erin@corp.example"),
        ]);
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, SeededPortalFactory.AuditorEmail, PortalFactory.Password);
        var filters = ExplorerState.EncodeFilters([new AuditFilter("Login", FilterOperator.Equals, "dana@corp.example")]);

        var response = await client.GetAsync($"/audit-logs/export.csv?range=24h&cols=EventId,Login,Payload&f={filters}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["EventId,Login,Payload", "csv-1,dana@corp.example,\"'=HYPERLINK(\"\"x\"\")\""], lines);
    }

    [Fact]
    public async Task A_csv_download_with_invalid_filters_is_refused_with_400_naming_each_one_never_widened()
    {
        var client = await SignedInAsync(SeededPortalFactory.AuditorEmail);

        var response = await client.GetAsync($"/audit-logs/export.csv?range=24h&cols=EventId&f={HandEditedFilters}");

        var problem = await BadRequestProblemAsync(response);
        Assert.Contains("not-a-date", problem);
        Assert.Contains("many", problem);
        Assert.DoesNotContain("nobody-at-all", problem);
    }

    [Fact]
    public async Task A_csv_download_whose_filters_cannot_be_read_is_refused_not_sent_with_every_row()
    {
        var client = await SignedInAsync(SeededPortalFactory.AuditorEmail);

        var response = await client.GetAsync("/audit-logs/export.csv?range=custom&from=yesterday&cols=EventId&f=%%%not-base64");

        var problem = await BadRequestProblemAsync(response);
        Assert.Contains("f= part could not be read", problem);
        Assert.Contains("'yesterday'", problem);
    }

    [Fact]
    public async Task The_explorer_page_says_which_filter_of_a_hand_edited_url_it_ignored()
    {
        var client = await SignedInAsync(SeededPortalFactory.AuditorEmail);

        var response = await client.GetAsync($"/audit-logs?range=24h&f={HandEditedFilters}");
        var page = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"ignored-filters\"", page);
        Assert.Contains("'not-a-date' is not a valid value for", page);
        Assert.DoesNotContain("nobody-at-all@corp.example' is not", page);
    }

    [Fact]
    public async Task An_auditor_opening_another_users_workbook_is_told_it_was_not_found_and_an_admin_sees_it()
    {
        const string owner = "someone.else@example.test";
        await portal.CreateUserAsync(owner, PortalRoles.Auditor);
        var saved = await portal.Services.GetRequiredService<WorkbookService>()
            .SaveAsAsync(Principals.Auditor(owner), "Someone else's", "", new ExplorerState());
        Assert.True(saved.Succeeded);
        var id = saved.Value;
        var auditor = await SignedInAsync(SeededPortalFactory.AuditorEmail);
        var admin = await SignedInAsync(PortalFactory.AdminEmail);

        var forAuditor = System.Net.WebUtility.HtmlDecode(await auditor.GetStringAsync($"/audit-logs?workbook={id}"));
        var forAdmin = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/audit-logs?workbook={id}"));

        Assert.Contains("data-testid=\"workbook-not-found\"", forAuditor);
        Assert.Contains(">Workbook not found</h1>", forAuditor);
        Assert.DoesNotContain("Someone else's", forAuditor);
        Assert.DoesNotContain("events-grid", forAuditor);
        Assert.Contains(">Someone else's</h1>", forAdmin);
        Assert.DoesNotContain("workbook-not-found", forAdmin);
    }

    /// <summary>Two filters whose values do not suit their columns (a time, a number) and a valid one.</summary>
    private static readonly string HandEditedFilters = ExplorerState.EncodeFilters([
        new AuditFilter("EventTimeUtc", FilterOperator.GreaterOrEqual, "not-a-date"),
        new AuditFilter("Count", FilterOperator.Equals, "many"),
        new AuditFilter("Login", FilterOperator.Equals, "nobody-at-all@corp.example"),
    ])!;

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, email, PortalFactory.Password);
        return client;
    }

    private static async Task<string> BadRequestProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_workbook_keeps_its_state_and_belongs_to_its_owner()
    {
        var workbooks = portal.Services.GetRequiredService<WorkbookService>();
        await portal.CreateUserAsync("owner@example.test", PortalRoles.Auditor);
        await portal.CreateUserAsync("other@example.test", PortalRoles.Auditor);
        var owner = Principals.Auditor("owner@example.test");
        var other = Principals.Auditor("other@example.test");
        var state = new ExplorerState
        {
            Range = "24h",
            Search = "payroll",
            Columns = ["EventTimeUtc", "Login"],
            Filters = [new AuditFilter("Status", FilterOperator.Equals, "Fail")],
            Sort = "Login",
            Descending = false,
        };

        var saved = await workbooks.SaveAsAsync(owner, "Failed payroll reads", "Investigations", state);

        Assert.True(saved.Succeeded);
        var id = saved.Value;
        var reopened = await workbooks.GetAsync(owner, id);
        Assert.Equal(state.Sanitized().ToJson(), ExplorerState.FromJson(Assert.Single(reopened!.Elements).StateJson).ToJson());
        Assert.Contains("payroll", Assert.Single(reopened.Elements).StateJson);
        Assert.Null(await workbooks.GetAsync(other, id));
        Assert.DoesNotContain(await workbooks.ListAsync(other), w => w.Id == id);
        Assert.Contains(await workbooks.ListAsync(Principals.Admin()), w => w.Id == id);
        Assert.False((await workbooks.DeleteAsync(other, id)).Succeeded);
    }

    [Fact]
    public async Task A_workbook_is_renamed_duplicated_extended_and_deleted()
    {
        var workbooks = portal.Services.GetRequiredService<WorkbookService>();
        await portal.CreateUserAsync("crud@example.test", PortalRoles.Auditor);
        var owner = Principals.Auditor("crud@example.test");
        var id = (await workbooks.SaveAsAsync(owner, "Logins", "", new ExplorerState())).Value;

        Assert.True((await workbooks.RenameAsync(owner, id, "Weekly logins", "Reports")).Succeeded);
        var added = await workbooks.AddElementAsync(owner, id, "Failures", new ExplorerState { Range = "30d" });
        var copyId = (await workbooks.DuplicateAsync(owner, id)).Value;

        Assert.True(added.Succeeded);
        var copy = await workbooks.GetAsync(owner, copyId);
        Assert.Equal("Weekly logins (copy)", copy!.Name);
        Assert.Equal(["AUDIT_LOGS", "Failures"], copy.Elements.Select(e => e.Name));
        Assert.True((await workbooks.DeleteAsync(owner, id)).Succeeded);
        Assert.Null(await workbooks.GetAsync(owner, id));
        Assert.False((await workbooks.RenameAsync(owner, copyId, "  ", null)).Succeeded);
    }

    [Fact]
    public async Task A_page_of_workbooks_holds_only_those_the_user_may_open_sorted_and_counted_by_the_database()
    {
        var workbooks = portal.Services.GetRequiredService<WorkbookService>();
        await portal.CreateUserAsync("pager@example.test", PortalRoles.Auditor);
        await portal.CreateUserAsync("stranger@example.test", PortalRoles.Auditor);
        var pager = Principals.Auditor("pager@example.test");
        foreach (var name in new[] { "Paged B", "Paged A", "Paged C" })
        {
            Assert.True((await workbooks.SaveAsAsync(pager, name, "Paging", new ExplorerState())).Succeeded);
        }

        var first = await workbooks.PageAsync(pager, new ListQuery(Skip: 0, Take: 2, SortBy: nameof(WorkbookSummary.Name), Descending: true));
        var second = await workbooks.PageAsync(pager, new ListQuery(Skip: 2, Take: 2, SortBy: nameof(WorkbookSummary.Name), Descending: true));

        Assert.Equal(["Paged C", "Paged B"], first.Rows.Select(w => w.Name));
        Assert.Equal(["Paged A"], second.Rows.Select(w => w.Name));
        Assert.Equal(3, first.Total);
        var stranger = await workbooks.PageAsync(Principals.Auditor("stranger@example.test"), new ListQuery());
        Assert.DoesNotContain(stranger.Rows, w => w.Name.StartsWith("Paged ", StringComparison.Ordinal));
        var admin = await workbooks.PageAsync(Principals.Admin(), new ListQuery(Take: ListQuery.MaxTake));
        Assert.Equal(3, admin.Rows.Count(w => w.Name.StartsWith("Paged ", StringComparison.Ordinal)));
    }
}
