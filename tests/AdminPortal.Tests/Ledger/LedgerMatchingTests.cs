using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AdminPortal.Tests.Ledger.LedgerPortal;

namespace AdminPortal.Tests.Ledger;

/// <summary>
/// The matching rules, run by the set-based SQL of each provider (<see cref="SqliteLedgerMatchingTests"/>,
/// <see cref="PostgreSqlLedgerMatchingTests"/>) over events and a ledger imported as an Admin imports them.
/// </summary>
public abstract class LedgerMatchingTests(DatabaseProvider provider) : IAsyncLifetime
{
    private LedgerPortal portal = null!;

    protected const string Identities = """
        hrCode,fullName,givenName,familyName,email,organisation
        E001,Jane Doe,Jane,Doe,jane.doe@corp.example,FIN
        E002,John Smith,John,Smith,john.smith@corp.example,IT
        """;

    protected const string Accounts = """
        login,repository,owner,sid,name
        jdoe,ad,E001,S-1-5-21-100-1001,Jane Doe (AD)
        jsmith,ad,E002,S-1-5-21-100-1002,
        jane,sap,E001,,
        """;

    public async Task InitializeAsync()
    {
        portal = await StartAsync(provider);
        await portal.ImportOkAsync(LedgerKind.Identity, Identities, Day(1));
        await portal.ImportOkAsync(LedgerKind.Account, Accounts, Day(1));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private static MatchingRuleInput Actor(RuleComparison comparison, DisplayMethod display = DisplayMethod.IdentityFullName, bool compareParent = false,
        string? pattern = null) => new(RuleEntityType.Actor, comparison, display, Pattern: pattern, CompareParent: compareParent);

    [Fact]
    public async Task An_exact_rule_matches_the_login_and_repository_as_written_and_nothing_else()
    {
        await portal.StoreAsync(Event("x1", Day(2), "jdoe"), Event("x2", Day(2), "JDOE"), Event("x3", Day(2), "jdoe", "sap"), Event("x4", Day(2), "jane", "sap"));
        await portal.SavePolicyAsync("exact", Actor(RuleComparison.Exact, compareParent: true));

        await portal.RunAsync("exact");

        Assert.Equal("Jane Doe", await portal.ShownAsync("x1"));
        Assert.Null(await portal.ShownAsync("x2"));
        Assert.Null(await portal.ShownAsync("x3"));
        Assert.Equal("Jane Doe", await portal.ShownAsync("x4"));
    }

    [Fact]
    public async Task A_case_insensitive_rule_matches_a_login_and_repository_in_another_case()
    {
        await portal.StoreAsync(Event("c1", Day(2), "JDoe", "AD"), Event("c2", Day(2), "jdoe", "sap"));
        await portal.SavePolicyAsync("any case", Actor(RuleComparison.CaseInsensitive, DisplayMethod.KeyAndParent, compareParent: true));

        await portal.RunAsync("any case");

        Assert.Equal("jdoe (ad)", await portal.ShownAsync("c1"));
        Assert.Null(await portal.ShownAsync("c2"));
    }

    [Fact]
    public async Task A_domain_backslash_login_pattern_compares_the_login_after_the_domain()
    {
        await portal.StoreAsync(Event("p1", Day(2), @"CORP\jsmith", "corp-dc"), Event("p2", Day(2), @"CORP\nobody", "corp-dc"),
            Event("p3", Day(2), "jsmith", "corp-dc"), Event("p4", Day(2), "jdoe@corp.example", "mail"));
        await portal.SavePolicyAsync("windows", Actor(RuleComparison.Pattern, pattern: @"{domain}\{login}"),
            Actor(RuleComparison.Pattern, DisplayMethod.IdentityEmail, pattern: "{login}@{domain}"));

        await portal.RunAsync("windows");

        Assert.Equal("John Smith", await portal.ShownAsync("p1"));
        Assert.Null(await portal.ShownAsync("p2"));
        Assert.Null(await portal.ShownAsync("p3"));
        Assert.Equal("jane.doe@corp.example", await portal.ShownAsync("p4"));
    }

    [Fact]
    public async Task A_fixed_prefix_pattern_matches_only_values_with_that_prefix()
    {
        await portal.StoreAsync(Event("f1", Day(2), @"contoso\JDOE"), Event("f2", Day(2), @"FABRIKAM\jdoe"));
        await portal.SavePolicyAsync("contoso", Actor(RuleComparison.Pattern, DisplayMethod.KeyAndParent, pattern: @"CONTOSO\{login}"));

        await portal.RunAsync("contoso");

        Assert.Equal("jdoe (ad)", await portal.ShownAsync("f1"));
        Assert.Null(await portal.ShownAsync("f2"));
    }

    [Fact]
    public async Task A_SID_rule_links_a_SID_actor_or_target_to_its_account()
    {
        await portal.StoreAsync(
            Event("s1", Day(2), "S-1-5-21-100-1001"),
            Event("s2", Day(2), "someone", targetName: "s-1-5-21-100-1002"),
            Event("s3", Day(2), "S-1-5-21-100-9999"));
        await portal.SavePolicyAsync("sids", Actor(RuleComparison.Sid),
            new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Sid, DisplayMethod.KeyAndParent));

        await portal.RunAsync("sids");

        Assert.Equal("Jane Doe", await portal.ShownAsync("s1"));
        var target = await portal.MatchAsync("s2", LedgerMatch.TargetSlot);
        Assert.Equal((LedgerKind.Account, "jsmith (ad)"), (target!.Kind, target.DisplayName));
        Assert.Null(await portal.ShownAsync("s3"));
    }

    [Fact]
    public async Task The_first_rule_that_matches_wins_and_later_rules_match_what_it_left()
    {
        await portal.StoreAsync(Event("o1", Day(2), "jdoe"), Event("o2", Day(2), "JDOE"));
        await portal.SavePolicyAsync("ordered", Actor(RuleComparison.Exact, DisplayMethod.KeyAndParent, compareParent: true),
            Actor(RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName, compareParent: true));

        await portal.RunAsync("ordered");

        var first = await portal.MatchAsync("o1");
        var second = await portal.MatchAsync("o2");
        Assert.Equal("jdoe (ad)", first!.DisplayName);
        Assert.Equal("Jane Doe", second!.DisplayName);
        Assert.NotEqual(first.RuleId, second.RuleId);
        Assert.Equal(first.EntityId, second.EntityId);
    }

    [Fact]
    public async Task A_target_of_undetermined_type_takes_the_type_of_the_first_entity_matched()
    {
        await portal.ImportOkAsync(LedgerKind.Group, "code,repository,name,members\nfinance,ad,Finance team,jdoe|jsmith\n", Day(1));
        await portal.ImportOkAsync(LedgerKind.Application, "code,name\nSAP,SAP ERP\n", Day(1));
        await portal.StoreAsync(
            Event("u1", Day(2), "jdoe", targetName: "finance", targetParent: "ad"),
            Event("u2", Day(2), "jdoe", targetName: "SAP", secondTarget: "jsmith"),
            Event("u3", Day(2), "jdoe", targetType: AuditTargetType.Account, targetName: "finance"));
        await portal.SavePolicyAsync("targets",
            new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.EntityName),
            new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Exact, DisplayMethod.EntityName));

        await portal.RunAsync("targets");

        var group = await portal.MatchAsync("u1", LedgerMatch.TargetSlot);
        var application = await portal.MatchAsync("u2", LedgerMatch.TargetSlot);
        var second = await portal.MatchAsync("u2", LedgerMatch.SecondTargetSlot);
        Assert.Equal((LedgerKind.Group, "Finance team"), (group!.Kind, group.DisplayName));
        Assert.Equal((LedgerKind.Application, "SAP ERP"), (application!.Kind, application.DisplayName));
        Assert.Equal((LedgerKind.Account, "jsmith"), (second!.Kind, second.DisplayName));
        // Typed "account", the target is looked up among accounts only, by the first rule, and no account is called finance;
        // the undetermined rule then takes it as the group it is.
        Assert.Equal(LedgerKind.Group, (await portal.MatchAsync("u3", LedgerMatch.TargetSlot))!.Kind);
    }

    [Fact]
    public async Task A_typed_target_rule_matches_only_targets_of_its_type()
    {
        await portal.StoreAsync(
            Event("t1", Day(2), "x", targetType: AuditTargetType.Account, targetName: "jsmith", targetParent: "ad"),
            Event("t2", Day(2), "x", targetType: AuditTargetType.Asset, targetName: "jsmith", targetParent: "ad"));
        await portal.SavePolicyAsync("accounts", new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.IdentityFullName,
            CompareParent: true));

        await portal.RunAsync("accounts");

        Assert.Equal("John Smith", await portal.ShownAsync("t1", LedgerMatch.TargetSlot));
        Assert.Null(await portal.ShownAsync("t2", LedgerMatch.TargetSlot));
    }

    [Fact]
    public async Task A_target_without_a_parent_matches_an_entity_without_one_when_the_rule_compares_parents()
    {
        await portal.ImportOkAsync(LedgerKind.Asset, "code,application,name\nC:\\Finance,,Finance share\nC:\\Finance,sap,SAP finance folder\n", Day(1));
        await portal.StoreAsync(Event("n1", Day(2), "x", targetType: AuditTargetType.Asset, targetName: @"C:\Finance"),
            Event("n2", Day(2), "x", targetType: AuditTargetType.Asset, targetName: @"C:\Finance", targetParent: "SAP"));
        await portal.SavePolicyAsync("assets", new MatchingRuleInput(RuleEntityType.Asset, RuleComparison.CaseInsensitive, DisplayMethod.EntityName,
            CompareParent: true));

        await portal.RunAsync("assets");

        Assert.Equal("Finance share", await portal.ShownAsync("n1", LedgerMatch.TargetSlot));
        Assert.Equal("SAP finance folder", await portal.ShownAsync("n2", LedgerMatch.TargetSlot));
    }

    [Fact]
    public async Task An_account_that_changed_owner_resolves_to_the_owner_it_had_when_the_event_happened()
    {
        await portal.ImportOkAsync(LedgerKind.Account, Accounts.Replace("jdoe,ad,E001", "jdoe,ad,E002"), Day(10));
        await portal.StoreAsync(Event("h0", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), "jdoe"), Event("h1", Day(9, 23), "jdoe"),
            Event("h2", Day(10), "jdoe"), Event("h3", Day(20), "jdoe"));
        await portal.SavePolicyAsync("owners", Actor(RuleComparison.Exact, compareParent: true));

        await portal.RunAsync("owners");

        // The first snapshot also describes the past; the second takes over from its date on.
        Assert.Equal("Jane Doe", await portal.ShownAsync("h0"));
        Assert.Equal("Jane Doe", await portal.ShownAsync("h1"));
        Assert.Equal("John Smith", await portal.ShownAsync("h2"));
        Assert.Equal("John Smith", await portal.ShownAsync("h3"));
        var jane = await portal.EntityIdAsync(LedgerKind.Identity, "E001");
        Assert.Equal(jane, (await portal.MatchAsync("h1"))!.IdentityId);
        Assert.Equal((await portal.MatchAsync("h1"))!.EntityId, (await portal.MatchAsync("h3"))!.EntityId);
    }

    [Fact]
    public async Task An_account_a_later_snapshot_no_longer_lists_matches_only_the_events_before_it()
    {
        await portal.ImportOkAsync(LedgerKind.Account, "login,repository,owner\njsmith,ad,E002\njane,sap,E001\n", Day(10));
        await portal.StoreAsync(Event("g1", Day(9), "jdoe"), Event("g2", Day(11), "jdoe"));
        await portal.SavePolicyAsync("ended", Actor(RuleComparison.Exact, compareParent: true));

        await portal.RunAsync("ended");

        Assert.Equal("Jane Doe", await portal.ShownAsync("g1"));
        Assert.Null(await portal.ShownAsync("g2"));
    }

    [Fact]
    public async Task Running_a_policy_again_over_a_range_replaces_that_range_only()
    {
        await portal.StoreAsync(Event("r1", Day(5), "jdoe"), Event("r2", Day(12), "jdoe"), Event("r3", Day(25), "jsmith"));
        await portal.SavePolicyAsync("logins", Actor(RuleComparison.Exact, DisplayMethod.KeyAndParent, compareParent: true));
        await portal.SavePolicyAsync("people", Actor(RuleComparison.Exact, DisplayMethod.IdentityFullName, compareParent: true));
        await portal.RunAsync("logins");

        var first = await portal.RunAsync("people", Day(10), Day(20));
        var again = await portal.RunAsync("people", Day(10), Day(20));

        Assert.Equal("jdoe (ad)", await portal.ShownAsync("r1"));
        Assert.Equal("Jane Doe", await portal.ShownAsync("r2"));
        Assert.Equal("jsmith (ad)", await portal.ShownAsync("r3"));
        Assert.Equal((1L, 1L), (first.Events, first.ActorsMatched));
        Assert.Equal(first with { Elapsed = default }, again with { Elapsed = default });
    }

    [Fact]
    public async Task The_events_of_an_identity_are_those_of_every_account_she_owned()
    {
        await portal.StoreAsync(Event("i1", Day(2), "jdoe"), Event("i2", Day(3), "jane", "sap"), Event("i3", Day(4), "jsmith"),
            Event("i4", Day(5), "nobody"));
        await portal.SavePolicyAsync("mine", Actor(RuleComparison.Exact, compareParent: true));
        await portal.RunAsync("mine");
        var queries = portal.Services.GetRequiredService<LedgerQueries>();

        var events = await queries.EventIdsOfIdentityAsync(Principals.Admin(), await portal.EntityIdAsync(LedgerKind.Identity, "E001"), null, null);
        var unmatched = await queries.CountUnmatchedActorsAsync(Principals.Admin(), Day(2), Day(6));

        Assert.Equal([await portal.RowIdAsync("i2"), await portal.RowIdAsync("i1")], events);
        Assert.Equal(1, unmatched);
    }

    [Fact]
    public async Task An_entity_page_shows_an_identity_with_her_accounts_and_their_groups()
    {
        await portal.ImportOkAsync(LedgerKind.Group, "code,repository,name,members\nfinance,ad,Finance team,jdoe\nit,ad,IT,jsmith\n", Day(1));
        var queries = portal.Services.GetRequiredService<LedgerQueries>();

        var jane = await queries.EntityAsync(Principals.Admin(), await portal.EntityIdAsync(LedgerKind.Identity, "E001"), Day(2));

        Assert.Equal("Jane Doe", jane!.Current.Name);
        Assert.Equal(["ad/jdoe", "sap/jane"], jane.Accounts.Select(a => a.Parent + "/" + a.Key));
        Assert.Equal(["Finance team"], jane.Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task A_snapshot_adds_changes_and_ends_entities_and_one_listed_again_comes_back_under_the_same_id()
    {
        var jsmith = await portal.EntityIdAsync(LedgerKind.Account, "jsmith");

        var fifth = await portal.ImportAsync(LedgerKind.Account, "login,repository,owner,sid,name\njdoe,ad,E001,S-1-5-21-100-1001,Jane Doe (AD)\n" +
            "jane,sap,E001,,Jane at SAP\nnewbie,ad,E002,,\n", Day(5));
        var eighth = await portal.ImportAsync(LedgerKind.Account, Accounts, Day(8));

        Assert.Equal((3, 1, 1, 1), (fifth.Rows, fifth.Added, fifth.Changed, fifth.Ended));
        Assert.Equal((3, 1, 1, 1), (eighth.Rows, eighth.Added, eighth.Changed, eighth.Ended));
        Assert.Equal(jsmith, await portal.EntityIdAsync(LedgerKind.Account, "jsmith"));
        Assert.Equal(["1970-01-01..2026-11-05 jsmith", "2026-11-08..open jsmith"], await portal.HistoryAsync(LedgerKind.Account, "jsmith"));
        Assert.Equal(["1970-01-01..2026-11-05 jane", "2026-11-05..2026-11-08 Jane at SAP", "2026-11-08..open jane"],
            await portal.HistoryAsync(LedgerKind.Account, "jane"));
        Assert.Equal(["1970-01-01..open Jane Doe (AD)"], await portal.HistoryAsync(LedgerKind.Account, "jdoe"));
        Assert.Equal(["2026-11-05..2026-11-08 newbie"], await portal.HistoryAsync(LedgerKind.Account, "newbie"));
    }

    [Fact]
    public async Task The_same_date_imported_again_replaces_what_that_date_said_of_versions_and_memberships()
    {
        await portal.ImportOkAsync(LedgerKind.Group, "code,repository,name,members\nfinance,ad,Finance,jdoe\n", Day(1));
        await portal.ImportOkAsync(LedgerKind.Group, "code,repository,name,members\nfinance,ad,Finance team,jdoe|jsmith\n", Day(6));

        var again = await portal.ImportAsync(LedgerKind.Group, "code,repository,name,members\nfinance,ad,Finance dept,jsmith\n", Day(6));

        Assert.Equal((0, 1, 0), (again.Added, again.Changed, again.Ended));
        Assert.Equal(["1970-01-01..2026-11-06 Finance", "2026-11-06..open Finance dept"], await portal.HistoryAsync(LedgerKind.Group, "finance"));
        Assert.Equal(["1970-01-01..2026-11-06 jdoe", "2026-11-06..open jsmith"], await portal.MembershipsAsync("finance"));
    }

    [Fact]
    public async Task An_entity_page_without_a_date_shows_the_entity_as_it_is_by_the_portals_clock()
    {
        await portal.ImportOkAsync(LedgerKind.Identity, Identities.Replace("Jane Doe", "Jane Martin"), Day(15));
        var jane = await portal.EntityIdAsync(LedgerKind.Identity, "E001");
        // The portal's clock set back to 10 November, between the two snapshots (the system's is past both).
        portal.Clock.Advance(Day(10) - portal.Clock.GetUtcNow().UtcDateTime);

        var page = await portal.Services.GetRequiredService<LedgerQueries>().EntityAsync(Principals.Admin(), jane);

        Assert.Equal("Jane Doe", page!.Current.Name);
        Assert.Equal(["Jane Doe", "Jane Martin"], page.History.Select(v => v.Name));
    }

    [Fact]
    public async Task Retention_removes_the_matches_of_the_events_it_removes_and_keeps_the_others()
    {
        await portal.StoreAsync(Event("old", Day(2), "jdoe"), Event("kept", Day(25), "jdoe"));
        await portal.SavePolicyAsync("people", Actor(RuleComparison.Exact, compareParent: true));
        await portal.RunAsync("people");
        var old = await portal.RowIdAsync("old");
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // A retention whose cutoff falls on 10 or 11 November, whatever day the test runs.
        var retention = ActivatorUtilities.CreateInstance<AuditRetention>(portal.Services,
            Options.Create(new RetentionOptions { Days = (int)(now - Day(10)).TotalDays }));

        var run = await retention.RunOnceAsync();

        Assert.True(run.Deleted >= 1);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.LedgerMatches.CountAsync(m => m.EventId == old));
        Assert.Equal("Jane Doe", await portal.ShownAsync("kept"));
    }
}
