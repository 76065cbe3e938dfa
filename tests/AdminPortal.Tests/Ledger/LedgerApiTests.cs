using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using static AdminPortal.Tests.Ledger.LedgerPortal;

namespace AdminPortal.Tests.Ledger;

/// <summary>
/// /api/ledger through the real pipeline (token scheme, scope policies, use cases, store) on each provider
/// (<see cref="SqliteLedgerApiTests"/>, <see cref="PostgreSqlLedgerApiTests"/>).
/// </summary>
public abstract class LedgerApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private LedgerPortal portal = null!;
    private HttpClient admin = null!;

    private const string Identities = "hrCode,fullName,email\nE001,Jane Doe,jane.doe@corp.example\nE002,John Smith,john.smith@corp.example\n";

    public async Task InitializeAsync()
    {
        portal = await StartAsync(provider);
        admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostCsvAsync(HttpClient client, string kind, string csv, string query = "")
    {
        var response = await client.PostAsync($"/api/ledger/{kind}{query}", Csv(csv));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task An_Admin_token_imports_identities_then_accounts_as_snapshots_and_the_import_is_audited_in_its_name()
    {
        var (identities, identitiesBody) = await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-01");
        using var form = new MultipartFormDataContent { { new StringContent("login,repository,owner\njdoe,ad,E001\njsmith,ad,E002\n"), "file", "ad-accounts.csv" } };
        var accounts = await admin.PostAsync("/api/ledger/accounts?date=2026-11-01", form);
        var (again, againBody) = await PostCsvAsync(admin, "accounts", "login,repository,owner\njdoe,ad,E002\n", "?date=2026-11-10");

        Assert.Equal(HttpStatusCode.OK, identities);
        Assert.Equal((2, 2), (identitiesBody.GetProperty("rows").GetInt32(), identitiesBody.GetProperty("added").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        Assert.Equal(2, (await accounts.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal((0, 1, 1), (againBody.GetProperty("added").GetInt32(), againBody.GetProperty("changed").GetInt32(), againBody.GetProperty("ended").GetInt32()));
        Assert.Contains((ApiClients.ApiUserEmail(PortalRoles.Admin), "accounts: ad-accounts.csv", true), await portal.AuditedAsync("LedgerImported"));
    }

    [Fact]
    public async Task A_file_with_bad_lines_stores_nothing_and_lists_each_line_with_its_reason()
    {
        await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-01");
        const string accounts = "login,repository,owner,sid\njdoe,ad,E001,S-1-5-21-1\n,ad,E002,\njsmith,ad,E999,\njdoe,ad,E002,\n\"broken,ad,E001,\n";

        var (status, body) = await PostCsvAsync(admin, "accounts", accounts, "?date=2026-11-01");
        var (_, retried) = await PostCsvAsync(admin, "accounts", "login,repository,owner\njdoe,ad,E001\n", "?date=2026-11-01");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var reasons = body.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Equal("line 3: login is missing", reasons[0]);
        Assert.Equal("line 4: owner E999 is not an identity of the ledger on 2026-11-01 (import the identities first)", reasons[1]);
        Assert.Equal("line 5: duplicate of line 2 (login jdoe in repository ad)", reasons[2]);
        Assert.StartsWith("line 6: a quoted value is never closed", reasons[3]);
        Assert.Contains("nothing was stored", body.GetProperty("error").GetString());
        Assert.Equal(1, retried.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task A_header_without_a_mandatory_column_refuses_the_file_naming_the_columns()
    {
        var (status, body) = await PostCsvAsync(admin, "accounts", "login,owner\njdoe,E001\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The accounts file is refused, line 1: the header lacks the mandatory column(s) repository " +
            "(columns: login*, repository*, owner, sid, name; * = mandatory). Nothing was stored.", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_kinds_bad_dates_and_snapshots_out_of_date_order_are_refused_with_a_message()
    {
        await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-10");

        var unknown = await admin.PostAsync("/api/ledger/people", Csv(Identities));
        var (badDate, badDateBody) = await PostCsvAsync(admin, "identities", Identities, "?date=11/20/2026");
        var (older, olderBody) = await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-01");
        var wrongType = await admin.PostAsync("/api/ledger/identities", new StringContent(Identities, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("one of organisations, identities, repositories, accounts", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.Equal("'11/20/2026' is not " + SnapshotDate.Expected + ".", badDateBody.GetProperty("errors").GetProperty("date")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, older);
        Assert.Contains("before the last import of identities (2026-11-10 00:00:00Z)", olderBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_cannot_import_and_an_Auditor_cannot_either()
    {
        var reader = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.AuditRead);
        var auditor = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead, ApiScopes.ExportsWrite);

        var (withoutScope, withoutScopeBody) = await PostCsvAsync(reader, "identities", Identities);
        var (byAuditor, _) = await PostCsvAsync(auditor, "identities", Identities);
        var anonymous = await portal.CreateClient().PostAsync("/api/ledger/identities", Csv(Identities));

        Assert.Equal(HttpStatusCode.Forbidden, withoutScope);
        Assert.Contains("admin", withoutScopeBody.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byAuditor);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, (await PostCsvAsync(admin, "identities", Identities)).Body.GetProperty("changed").GetInt32());
    }

    [Fact]
    public async Task A_policy_saved_and_run_through_the_API_matches_actors_and_counts_those_it_did_not()
    {
        await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-01");
        await PostCsvAsync(admin, "accounts", "login,repository,owner\njdoe,ad,E001\n", "?date=2026-11-01");
        await portal.StoreAsync(Event("api-1", Day(2), "JDOE", "AD"), Event("api-2", Day(2), "ghost"));
        var policy = new SaveMatchingPolicyCommand("people", null,
            [new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName, CompareParent: true)]);

        var saved = await admin.PutAsJsonAsync("/api/ledger/policies", policy, ApiJson);
        var run = await admin.PostAsync("/api/ledger/policies/people/run?from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z", null);
        var unmatched = await admin.GetFromJsonAsync<JsonElement>("/api/ledger/unmatched-actors?from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z");
        var matches = await admin.GetFromJsonAsync<JsonElement>($"/api/ledger/matches?eventId={await portal.RowIdAsync("api-1")}");
        var missing = await admin.PostAsync("/api/ledger/policies/nobody/run", null);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var report = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 1), (report.GetProperty("events").GetInt32(), report.GetProperty("actorsMatched").GetInt32()));
        Assert.Equal(1, unmatched.GetProperty("events").GetInt32());
        Assert.Equal("Jane Doe", matches[0].GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_policy_with_a_malformed_pattern_is_refused_with_the_rule_named()
    {
        var policy = new SaveMatchingPolicyCommand("broken", null,
            [new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Pattern, DisplayMethod.EntityName, Pattern: @"{domain}\{user}")]);

        var saved = await admin.PutAsJsonAsync("/api/ledger/policies", policy, ApiJson);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var errors = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith(@"'{domain}\{user}' is not a pattern", errors.GetProperty("rules[0].pattern")[0].GetString());
    }

    [Fact]
    public async Task A_csv_collection_that_names_a_policy_matches_the_collected_events_at_its_end()
    {
        await PostCsvAsync(admin, "identities", Identities, "?date=2026-11-01");
        await PostCsvAsync(admin, "accounts", "login,repository,owner\njsmith,contoso,E002\n", "?date=2026-11-01");
        await portal.SavePolicyAsync("windows",
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Pattern, DisplayMethod.IdentityFullName, Pattern: @"{domain}\{login}", CompareParent: true));
        var ingest = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.AuditIngest);

        var collected = await ingest.PostAsync("/api/audit-events/csv", CollectionForm("windows"));
        var unknown = await ingest.PostAsync("/api/audit-events/csv", CollectionForm("nope"));

        Assert.Equal(HttpStatusCode.OK, collected.StatusCode);
        var body = await collected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("matching").GetProperty("actorsMatched").GetInt32() >= 1);
        Assert.Equal("John Smith", await portal.ShownAsync("DC01.contoso.local-118201"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("There is no matching policy named 'nope'. Nothing was stored.", await unknown.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent CollectionForm(string policy)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, file) in new[] { ("log", "windows-security.csv"), ("properties", "windows-security.eventproperties.csv"), ("mapping", "windows-security.mapping.csv") })
        {
            form.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Examples", file))), field, file);
        }

        form.Add(new StringContent(policy), "policy");
        return form;
    }

    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
