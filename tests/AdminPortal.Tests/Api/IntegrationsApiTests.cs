using System.Net;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Api;

/// <summary>/api/integrations: the integration use cases over HTTP, with an API token acting as its user.</summary>
[Collection(ApiCollection.Name)]
public sealed class IntegrationsApiTests(StoragePeers peers, ApiPortal portal)
{
    /// <summary>Recognizable anywhere it might leak; s3rver checks the key id only.</summary>
    private const string Secret = "api-test-secret-7f3c9a1e5b";

    private object S3Body(string name, string prefix, string? bucket = null) => new
    {
        name,
        authMethod = "AwsAccessKey",
        destination = new { bucket = bucket ?? StoragePeers.S3Bucket, prefix, region = "us-east-1", serviceUrl = peers.S3Url.AbsoluteUri, pathStyle = true },
        accessKeyId = StoragePeers.S3AccessKeyId,
        secret = Secret,
    };

    private Task<HttpClient> AdminAsync() => portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

    private async Task<Guid> CreateAsync(HttpClient api, string name)
    {
        var created = await (await api.PostJsonAsync("/api/integrations", S3Body(name, $"api/{name}/"))).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_admin_token_creates_an_S3_integration_whose_connection_is_tested_and_finds_it_in_the_list()
    {
        var api = await AdminAsync();

        var response = await api.PostJsonAsync("/api/integrations", S3Body("api_created", "api/created/"));

        var created = await response.JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/integrations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("connected", created.GetProperty("connectionStatus").GetString());
        Assert.Equal("AwsAccessKey", created.GetProperty("authMethod").GetString());
        var list = await (await api.GetAsync("/api/integrations")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("id").GetGuid() == id && i.GetProperty("name").GetString() == "api_created");
        var one = await (await api.GetAsync($"/api/integrations/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("SUCCESS", one.GetProperty("lastTestStatus").GetString());
    }

    [Fact]
    public async Task The_secret_appears_in_no_answer_of_create_list_get_credentials_or_test()
    {
        var api = await AdminAsync();
        var create = await api.PostJsonAsync("/api/integrations", S3Body("api_secret", "api/secret/"));
        var createBody = await create.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(createBody).RootElement.GetProperty("id").GetGuid();

        var bodies = new List<string> { createBody };
        foreach (var path in new[] { "/api/integrations", $"/api/integrations/{id}", $"/api/integrations/{id}/credentials" })
        {
            bodies.Add(await (await api.GetAsync(path)).Content.ReadAsStringAsync());
        }

        bodies.Add(await (await api.PostAsync($"/api/integrations/{id}/test", null)).Content.ReadAsStringAsync());

        Assert.All(bodies, body => Assert.DoesNotContain(Secret, body));
        var credentials = System.Text.Json.JsonDocument.Parse(bodies[3]).RootElement;
        Assert.True(credentials.GetProperty("secretStored").GetBoolean());
        Assert.Equal(StoragePeers.S3AccessKeyId, credentials.GetProperty("accessKeyId").GetString());
    }

    [Fact]
    public async Task Bad_input_answers_400_with_the_forms_own_messages_keyed_by_JSON_path()
    {
        var api = await AdminAsync();
        var body = new
        {
            name = "api bad name!",
            authMethod = "AwsAccessKey",
            destination = new { bucket = "", prefix = "x/", region = "us-east-1", serviceUrl = peers.S3Url.AbsoluteUri, pathStyle = true },
            accessKeyId = StoragePeers.S3AccessKeyId,
            secret = Secret,
        };
        var theForm = await portal.Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "api bad name!",
            AuthMethod = IntegrationAuthMethod.AwsAccessKey,
            Destination = new DestinationInput { Bucket = "", Prefix = "x/", Region = "us-east-1", ServiceUrl = peers.S3Url.AbsoluteUri, PathStyle = true },
            AccessKeyId = StoragePeers.S3AccessKeyId,
            Secret = WriteOnlySecret.FromInput(Secret),
        });

        var problem = await (await api.PostJsonAsync("/api/integrations", body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("One or more fields are invalid.", problem.GetProperty("title").GetString());
        Assert.Equal(theForm.Errors["Bucket"], problem.Errors("destination.bucket"));
        Assert.Equal(theForm.Errors["Name"], problem.Errors("name"));
        await using var db = await portal.DbAsync();
        Assert.False(await db.StorageIntegrations.AnyAsync(i => i.Name == "api bad name!"));
    }

    [Fact]
    public async Task An_unknown_auth_method_answers_400_naming_the_allowed_values()
    {
        var api = await AdminAsync();

        var problem = await (await api.PostRawAsync("/api/integrations", """{"authMethod":"AwsPassword","destination":{"bucket":"b"}}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var message = Assert.Single(problem.Errors("authMethod"));
        Assert.All(Enum.GetNames<IntegrationAuthMethod>(), name => Assert.Contains(name, message));
    }

    [Fact]
    public async Task A_malformed_body_answers_400_problem_details_not_a_server_error()
    {
        var api = await AdminAsync();

        var problem = await (await api.PostRawAsync("/api/integrations", """{"authMethod": "AwsAccessKey", """)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_is_refused_with_403_naming_the_scope()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.ExportsWrite, ApiScopes.AuditRead);

        var problem = await (await api.GetAsync("/api/integrations")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains(ApiScopes.Admin, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_request_without_a_token_is_answered_401_problem_details()
    {
        using var anonymous = portal.CreateClient();

        await (await anonymous.GetAsync("/api/integrations")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_integration_is_404_for_get_credentials_test_edit_and_delete()
    {
        var api = await AdminAsync();
        var id = Guid.NewGuid();

        await (await api.GetAsync($"/api/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync($"/api/integrations/{id}/credentials")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostAsync($"/api/integrations/{id}/test", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PutJsonAsync($"/api/integrations/{id}/destination", new { destination = new { bucket = "b" } })).ProblemAsync(HttpStatusCode.NotFound);
        var deleted = await (await api.DeleteAsync($"/api/integrations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("That integration no longer exists.", deleted.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deleting_an_integration_deletes_or_pauses_its_linked_exports_as_asked(bool deleteLinkedExports)
    {
        var api = await AdminAsync();
        var family = $"apidelete{deleteLinkedExports}".ToLowerInvariant();
        var name = $"api_delete_{deleteLinkedExports}".ToLowerInvariant();
        var integration = await CreateAsync(api, name);
        var (workbook, element) = await portal.WorkbookAsync(family);
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook, TableElementId = element, IntegrationId = integration,
            UriTemplate = "audit/{yyyy}/{MM}/{dd}/x-{run}-{part}.csv.gz", FrequencyKind = ExportFrequencyKind.EveryHours, EveryHours = 12,
        });
        var linked = await (await api.GetAsync($"/api/integrations/{integration}/linked-exports")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(schedule, Assert.Single(linked.EnumerateArray()).GetProperty("id").GetGuid());

        var response = await api.DeleteAsync($"/api/integrations/{integration}?deleteLinkedExports={deleteLinkedExports.ToString().ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = await portal.DbAsync();
        var row = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schedule);
        if (deleteLinkedExports)
        {
            Assert.Null(row);
        }
        else
        {
            Assert.True(row!.Paused);
            Assert.Contains(name, row.PauseReason);
        }
    }

    [Fact]
    public async Task Editing_the_destination_re_points_linked_exports_and_is_audited_in_the_tokens_users_name()
    {
        var api = await AdminAsync();
        var integration = await CreateAsync(api, "api_edit");

        var edited = await (await api.PutJsonAsync($"/api/integrations/{integration}/destination", new
        {
            destination = new { bucket = StoragePeers.S3Bucket, prefix = "api/edited/", region = "us-east-1", serviceUrl = peers.S3Url.AbsoluteUri, pathStyle = true },
            updateLinkedExports = true,
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("api/edited/", edited.GetProperty("destination").GetString());
        await using var db = await portal.DbAsync();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.TargetName == "api_edit").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["IntegrationCreated", "IntegrationDestinationEdited"], events.Select(e => e.Code));
        Assert.All(events, e => Assert.Equal(ApiClients.ApiUserEmail(PortalRoles.Admin), e.Login));
    }
}
