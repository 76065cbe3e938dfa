using System.Net;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

/// <summary>Ingestion tokens of the releases before API tokens, after the portal migrated their database (ApiTokens migration).</summary>
public sealed class IngestionTokenUpgradeTests : IDisposable
{
    private const string Baseline = "baseline";
    private const string OwnerEmail = "olivia.admin@corp.example";
    private const string OwnedToken = "apt_owned0000000000000000000000000000000000000";
    private const string OrphanToken = "apt_orphan000000000000000000000000000000000000";
    private const string RevokedToken = "apt_revoked00000000000000000000000000000000000";

    private readonly PortalFactory portal = new();

    [Theory]
    [InlineData(Baseline)]
    [InlineData(HandWrittenRelease.LastRelease)]
    public async Task Ingestion_tokens_of_the_previous_release_keep_sending_events_as_audit_ingest_tokens_of_their_creator(string release)
    {
        await CreateDatabaseWithIngestionTokensAsync(release);

        _ = portal.Services; // the portal migrates the file as it starts

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(OwnedToken, "upgraded-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(OrphanToken, "upgraded-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(RevokedToken, "upgraded-3")).StatusCode);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var tokens = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(
            [
                ("sender-a", OwnedToken[..10], "olivia-id", ApiScopes.AuditIngest, "Olivia.Admin@corp.example", new DateTime(2026, 11, 1, 10, 0, 0), false),
                ("sender-b", OrphanToken[..10], null, ApiScopes.AuditIngest, "gone@corp.example", new DateTime(2026, 11, 2, 10, 0, 0), false),
                ("sender-c", RevokedToken[..10], "olivia-id", ApiScopes.AuditIngest, "Olivia.Admin@corp.example", new DateTime(2026, 11, 3, 10, 0, 0), true),
            ],
            tokens.Select(t => (t.Name, t.Prefix, t.UserId, t.Scopes, t.CreatedBy, t.CreatedAtUtc, t.RevokedAtUtc is not null)));
        Assert.All(tokens, t => Assert.Null(t.ExpiresAtUtc));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(OwnedToken)), tokens[0].Hash);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sqlite_master WHERE name = 'IngestionTokens'"));
    }

    private Task<HttpResponseMessage> SendAsync(string token, string eventId) =>
        portal.ApiClientWithToken(token).PostAsync("/api/audit-events", new StringContent(
            $$"""{"eventId":"{{eventId}}","eventTime":"2026-11-20T10:00:00Z","datasource":"snowflake","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""",
            Encoding.UTF8, "application/json"));

    /// <summary>
    /// The database of a release with ingestion tokens (the tool-made baseline, or the last hand-written release), with an
    /// Admin and three tokens: one the Admin created, one whose creator is gone, one revoked.
    /// </summary>
    private async Task CreateDatabaseWithIngestionTokensAsync(string release)
    {
        if (release == Baseline)
        {
            await using var db = HandWrittenRelease.Open(portal.DatabasePath);
            await db.GetService<IMigrator>().MigrateAsync(PortalMigrations.BaselineId);
        }
        else
        {
            await HandWrittenRelease.CreateAsync(portal.DatabasePath, release);
        }

        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES ('admin-role', 'Admin', 'ADMIN', 'c');
            INSERT INTO "AspNetUsers" ("Id", "IsDisabled", "CreatedAtUtc", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('olivia-id', 0, '2026-10-01 00:00:00', $email, upper($email), $email, upper($email), 1, 'stamp', 'c', 0, 0, 1, 0);
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('olivia-id', 'admin-role');
            INSERT INTO "IngestionTokens" ("Name", "Prefix", "Hash", "CreatedAtUtc", "CreatedBy", "LastUsedAtUtc", "RevokedAtUtc", "RevokedBy") VALUES
                ('sender-a', $p1, $h1, '2026-11-01 10:00:00', 'Olivia.Admin@corp.example', NULL, NULL, NULL),
                ('sender-b', $p2, $h2, '2026-11-02 10:00:00', 'gone@corp.example', '2026-11-05 10:00:00', NULL, NULL),
                ('sender-c', $p3, $h3, '2026-11-03 10:00:00', 'Olivia.Admin@corp.example', NULL, '2026-11-04 10:00:00', 'Olivia.Admin@corp.example');
            """;
        command.Parameters.AddWithValue("$email", OwnerEmail);
        foreach (var (i, token) in new[] { (1, OwnedToken), (2, OrphanToken), (3, RevokedToken) })
        {
            command.Parameters.AddWithValue($"$p{i}", token[..10]);
            command.Parameters.AddWithValue($"$h{i}", SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => portal.Dispose();
}
