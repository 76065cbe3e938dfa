using System.Net;
using System.Text;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>
/// Bodies and ids a script gets wrong (JSON null for a field, null or an array for the body, negative or overflowing
/// numbers, an id of the wrong kind) are never a 500: refused as 4xx problem details, or read the lenient way the UI
/// reads them (a null optional field is left out, a negative take is clamped).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiBadInputTests(StoragePeers peers, ApiPortal portal)
{
    private const string Unknown = "0193a5c2-7d1e-7b4a-9f0e-2c3d4e5f6a7b";

    [Theory]
    [InlineData("PUT", "/api/workbooks/{workbook}", """{"name":null}""")]
    [InlineData("PUT", "/api/workbooks/{workbook}", """{"name":"ok","folder":null}""")]
    [InlineData("POST", "/api/workbooks", """{"name":null,"element":null}""")]
    [InlineData("POST", "/api/workbooks", """{"name":"x","element":{"state":null}}""")]
    [InlineData("POST", "/api/workbooks", """{"name":"x","element":{"state":{"filters":null,"columns":null,"sort":null}}}""")]
    [InlineData("POST", "/api/workbooks", """{"name":"x","element":{"state":{"filters":[null]}}}""")]
    [InlineData("POST", "/api/workbooks", "null")]
    [InlineData("POST", "/api/workbooks", "[]")]
    [InlineData("POST", "/api/workbooks/{workbook}/elements", """{"name":null,"state":null}""")]
    [InlineData("POST", "/api/workbooks/{workbook}/elements", "null")]
    [InlineData("POST", "/api/schedules", """{"uriTemplate":null,"timeZoneId":null,"name":null,"cron":null,"notificationEmails":null}""")]
    [InlineData("POST", "/api/schedules", """{"frequencyKind":"Cron","cron":null,"timeZoneId":null}""")]
    [InlineData("POST", "/api/schedules", """{"frequencyKind":"EveryHours","everyHours":-5,"day":-1}""")]
    [InlineData("POST", "/api/schedules", """{"workbookId":99999999999}""")]
    [InlineData("POST", "/api/schedules", "[]")]
    [InlineData("POST", "/api/schedules/" + Unknown + "/pause", "[]")]
    [InlineData("POST", "/api/schedules/" + Unknown + "/pause", """{"reason":null}""")]
    [InlineData("GET", "/api/schedules/" + Unknown + "/runs?take=-5", null)]
    [InlineData("GET", "/api/schedules/" + Unknown + "/runs?take=99999999999", null)]
    [InlineData("GET", "/api/schedules?workbookId=abc", null)]
    [InlineData("GET", "/api/schedules/not-a-guid", null)]
    [InlineData("GET", "/api/runs/not-a-guid/manifest", null)]
    [InlineData("GET", "/api/workbooks/99999999999", null)]
    [InlineData("GET", "/api/audit-events?take=-1&skip=-1", null)]
    [InlineData("GET", "/api/audit-events?take=99999999999", null)]
    [InlineData("GET", "/api/audit-events?from=yesterday", null)]
    [InlineData("POST", "/api/integrations", """{"authMethod":"AwsAccessKey","destination":null}""")]
    [InlineData("POST", "/api/integrations", """{"name":null,"authMethod":"AwsAccessKey","destination":{"bucket":null,"prefix":null,"region":null}}""")]
    [InlineData("POST", "/api/integrations", """{"authMethod":"AzureSasToken","destination":{"bucket":"c","accountName":null}}""")]
    [InlineData("POST", "/api/integrations", "null")]
    [InlineData("PUT", "/api/integrations/" + Unknown + "/destination", """{"destination":null}""")]
    [InlineData("PUT", "/api/integrations/{integration}/destination", """{"destination":null}""")]
    [InlineData("PUT", "/api/integrations/{integration}/destination", """{"destination":{"bucket":null,"prefix":null}}""")]
    [InlineData("DELETE", "/api/integrations/" + Unknown + "?deleteLinkedExports=maybe", null)]
    [InlineData("POST", "/api/users", """{"email":null,"role":null,"password":null}""")]
    [InlineData("POST", "/api/users", "[]")]
    [InlineData("PUT", "/api/users/nobody/role", """{"role":null}""")]
    [InlineData("PUT", "/api/users/nobody/role", "null")]
    [InlineData("POST", "/api/tokens", """{"name":null,"scopes":null}""")]
    [InlineData("POST", "/api/tokens", """{"name":"x","scopes":[null]}""")]
    [InlineData("POST", "/api/tokens", """{"name":"x","scopes":["audit:read"],"expiresAtUtc":"9999-12-31T23:59:59Z"}""")]
    [InlineData("POST", "/api/tokens", """{"name":"x","scopes":["audit:read"],"expiresAtUtc":"0001-01-01T00:00:00+14:00"}""")]
    [InlineData("DELETE", "/api/tokens/abc", null)]
    [InlineData("DELETE", "/api/tokens/-1", null)]
    public async Task A_mistaken_request_is_never_a_server_error_and_a_refusal_is_problem_details(string method, string path, string? body)
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var workbook = (await (await api.PostJsonAsync("/api/workbooks", new { name = "Bad input", element = new { state = new { } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        path = path.Replace("{workbook}", workbook.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (path.Contains("{integration}", StringComparison.Ordinal))
        {
            var integration = (await portal.IntegrationAsync(peers, "s3", "s3_badinput_" + Guid.NewGuid().ToString("N")[..6], "api/badinput/")).ToString();
            path = path.Replace("{integration}", integration);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{method} {path} {body} answered {(int)response.StatusCode}: {text}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("   at ", text);
    }

    [Theory]
    [InlineData("PUT", "/api/workbooks/{workbook}", """{"name":null}""", "name")]
    [InlineData("POST", "/api/schedules", """{"uriTemplate":"x/{run}.csv","timeZoneId":null}""", "timeZoneId")]
    [InlineData("POST", "/api/workbooks", """{"name":"x","element":{"state":{"filters":null}}}""", "element.state.filters")]
    public async Task A_null_where_a_value_is_needed_is_a_400_naming_the_field(string method, string path, string body, string field)
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var workbook = (await (await api.PostJsonAsync("/api/workbooks", new { name = "Null input", element = new { state = new { } } }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{workbook}", workbook.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var problem = await (await api.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["Give a value: null is not allowed here."], problem.Errors(field));
        Assert.DoesNotContain("AdminPortal.", problem.GetRawText());
    }

    [Fact]
    public async Task A_null_filter_in_a_workbooks_state_filters_nothing()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        var created = await (await api.PostRawAsync("/api/workbooks", """{"name":"Null filter","element":{"state":{"filters":[null]}}}"""))
            .JsonAsync(HttpStatusCode.Created);

        var opened = await (await api.GetAsync($"/api/workbooks/{created.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(opened.GetProperty("elements")[0].GetProperty("state").GetProperty("filters").EnumerateArray());
    }
}
