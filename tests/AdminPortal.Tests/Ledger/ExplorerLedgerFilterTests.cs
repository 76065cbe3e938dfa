using System.Net.Http.Json;
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
/// The explorer's ledger filters in its query (one implementation per provider: <see cref="SqliteExplorerLedgerFilterTests"/>,
/// <see cref="PostgreSqlExplorerLedgerFilterTests"/>), read through GET /api/audit-events as an audit:read token reads them.
/// </summary>
public abstract class ExplorerLedgerFilterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string November = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&take=100";

    private LedgerPortal portal = null!;
    private HttpClient reader = null!;

    public async Task InitializeAsync()
    {
        portal = await StartAsync(provider);
        reader = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead);
        await portal.ImportOkAsync(LedgerKind.Identity, "hrCode,fullName\nE001,Jane Doe\nE002,John Smith\n", Day(1));
        await portal.ImportOkAsync(LedgerKind.Account, "login,repository,owner\njdoe,ad,E001\njane,sap,E001\njsmith,ad,E002\n", Day(1));
        // On the 10th jdoe passes to John: what she did with it before stays hers.
        await portal.ImportOkAsync(LedgerKind.Account, "login,repository,owner\njdoe,ad,E002\njane,sap,E001\njsmith,ad,E002\n", Day(10));
        await portal.StoreAsync(Event("jane-ad", Day(2), "jdoe"), Event("jane-sap", Day(3), "jane", "sap"), Event("john", Day(4), "jsmith"),
            Event("nobody", Day(5), "ghost"), Event("john-ad", Day(12), "jdoe"));
        await portal.SavePolicyAsync("accounts", new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName,
            CompareParent: true));
        await portal.RunAsync("accounts");
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private async Task<List<string>> EventIdsAsync(string query)
    {
        var body = await reader.GetFromJsonAsync<JsonElement>($"/api/audit-events?{November}&{query}");
        return [.. body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()!).Order()];
    }

    [Fact]
    public async Task Filtering_by_an_identity_keeps_her_events_across_her_accounts_as_owned_at_each_event()
    {
        var jane = await portal.EntityIdAsync(LedgerKind.Identity, "E001");

        Assert.Equal(["jane-ad", "jane-sap"], await EventIdsAsync($"identity={jane}"));
    }

    [Fact]
    public async Task Filtering_by_an_account_keeps_the_events_matched_to_it_whoever_owned_it()
    {
        var jdoe = await portal.EntityIdAsync(LedgerKind.Account, "jdoe");

        Assert.Equal(["jane-ad", "john-ad"], await EventIdsAsync($"identity={jdoe}"));
    }

    [Fact]
    public async Task The_unmatched_filter_keeps_the_events_whose_actor_matched_nothing()
    {
        Assert.Equal(["nobody"], await EventIdsAsync("unmatched=true"));
    }
}
