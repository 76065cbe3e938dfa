using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Common;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.ApiTokens;

/// <summary>What the API tokens page does: the use cases with the database's word on the actor's role.</summary>
public sealed class ApiTokenUseCaseTests(SeededPortalFactory portal) : IClassFixture<SeededPortalFactory>
{
    private CreateApiToken Create => portal.Services.GetRequiredService<CreateApiToken>();

    [Theory]
    [InlineData(ApiScopes.Admin)]
    [InlineData(ApiScopes.AuditIngest)]
    public async Task An_auditor_cannot_create_a_token_with_a_scope_only_admins_hold(string scope)
    {
        var result = await Create.HandleAsync(Principals.Auditor(), new CreateApiTokenCommand("auditor-" + scope, [scope], null));

        Assert.False(result.Succeeded);
        Assert.Equal($"An Auditor may not hold the scope {scope}: audit:read, exports:write are allowed.", Assert.Single(result.Errors["Scopes"]));
        Assert.DoesNotContain(await portal.Services.GetRequiredService<ListApiTokens>().HandleAsync(Principals.Auditor()), t => t.Name == "auditor-" + scope);
    }

    [Fact]
    public async Task An_auditor_whose_page_still_claims_admin_gets_no_admin_scope()
    {
        // The principal says Admin; the database says Auditor: the database decides.
        var claimsAdmin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, SeededPortalFactory.AuditorEmail), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "test"));

        var result = await Create.HandleAsync(claimsAdmin, new CreateApiTokenCommand("claims-admin", [ApiScopes.Admin], null));

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task An_auditor_creates_a_read_token_of_their_own_shown_once_and_audited_in_their_name()
    {
        var result = await Create.HandleAsync(Principals.Auditor(), new CreateApiTokenCommand("  reporting  ", [ApiScopes.ExportsWrite, ApiScopes.AuditRead], null));

        Assert.True(result.Succeeded, string.Join(" ", result.AllMessages));
        Assert.Equal("reporting", result.Value!.Name);
        Assert.Equal([ApiScopes.AuditRead, ApiScopes.ExportsWrite], result.Value.Scopes);
        var listed = Assert.Single(await portal.Services.GetRequiredService<ListApiTokens>().HandleAsync(Principals.Auditor()), t => t.Name == "reporting");
        Assert.Equal(SeededPortalFactory.AuditorEmail, listed.OwnerEmail);
        Assert.StartsWith(listed.Prefix, result.Value.Token);
        var audited = Assert.Single(await portal.SecurityEventsAsync("reporting"));
        Assert.Equal((AdminPortal.Core.Security.SecurityEventKind.ApiTokenCreated, SeededPortalFactory.AuditorEmail), (audited.Kind, audited.ActorEmail));
    }

    [Theory]
    [InlineData("", "Name the token after what will use it, e.g. \"snowflake-prod\" or \"export-script\".")]
    [InlineData("x", "Choose at least one scope.")]
    public async Task A_token_needs_a_name_and_a_scope(string name, string message)
    {
        var result = await Create.HandleAsync(Principals.Admin(), new CreateApiTokenCommand(name, name.Length == 0 ? [ApiScopes.AuditRead] : [], null));

        Assert.Equal(message, Assert.Single(result.AllMessages));
    }

    [Fact]
    public async Task A_token_name_has_at_most_100_characters()
    {
        var result = await Create.HandleAsync(Principals.Admin(), new CreateApiTokenCommand(new string('n', 101), [ApiScopes.AuditRead], null));

        Assert.Equal("A token name has at most 100 characters.", Assert.Single(result.Errors["Name"]));
    }

    [Theory]
    [InlineData(-1, "The expiry date is in the past: choose a date in the future, or never.")]
    [InlineData(400, "A token expires at most a year from now, or never.")]
    public async Task An_expiry_in_the_past_or_more_than_a_year_ahead_is_refused(int days, string message)
    {
        var result = await Create.HandleAsync(Principals.Admin(), new CreateApiTokenCommand("expiry", [ApiScopes.AuditRead], DateTime.UtcNow.AddDays(days)));

        Assert.Equal(message, Assert.Single(result.Errors["ExpiresAtUtc"]));
    }

    [Fact]
    public async Task An_auditor_cannot_see_everyones_tokens_nor_revoke_someone_elses()
    {
        var admins = await Create.HandleAsync(Principals.Admin(), new CreateApiTokenCommand("admins-own", [ApiScopes.AuditRead], null));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Services.GetRequiredService<ListApiTokens>().HandleAsync(Principals.Auditor(), everyone: true));
        var revoked = await portal.Services.GetRequiredService<RevokeApiToken>().HandleAsync(Principals.Auditor(), admins.Value!.Id);

        Assert.Equal(ApiTokenRules.NotFound, Assert.Single(revoked.AllMessages));
        var stillActive = Assert.Single(await portal.Services.GetRequiredService<ListApiTokens>().HandleAsync(Principals.Admin()), t => t.Id == admins.Value.Id);
        Assert.Null(stillActive.RevokedAtUtc);
    }

    [Fact]
    public async Task A_page_of_tokens_is_the_users_own_and_only_an_admin_pages_through_everyones()
    {
        var list = portal.Services.GetRequiredService<ListApiTokens>();
        var admins = await Create.HandleAsync(Principals.Admin(), new CreateApiTokenCommand("admins-paged", [ApiScopes.AuditRead], null));
        Assert.True(admins.Succeeded);

        var auditors = await list.PageAsync(Principals.Auditor(), everyone: false, new ListQuery(Take: ListQuery.MaxTake));
        var everyone = await list.PageAsync(Principals.Admin(), everyone: true, new ListQuery(Take: ListQuery.MaxTake, SortBy: nameof(ApiTokenSummary.CreatedAtUtc), Descending: true));

        Assert.DoesNotContain(auditors.Rows, t => t.Id == admins.Value!.Id);
        Assert.Contains(everyone.Rows, t => t.Id == admins.Value!.Id);
        Assert.Equal(everyone.Rows.Count, everyone.Total);
        Assert.Equal(everyone.Rows.OrderByDescending(t => t.CreatedAtUtc).Select(t => t.CreatedAtUtc), everyone.Rows.Select(t => t.CreatedAtUtc));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => list.PageAsync(Principals.Auditor(), everyone: true, new ListQuery()));
    }
}
