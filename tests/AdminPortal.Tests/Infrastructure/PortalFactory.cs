using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>The real portal (HTTP pipeline, SQLite file) in a temporary folder. Bootstraps an Admin unless told not to.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string Password = "Correct-Horse-42";

    private readonly bool bootstrapAdmin;

    public PortalFactory() : this(bootstrapAdmin: true)
    {
    }

    protected PortalFactory(bool bootstrapAdmin)
    {
        this.bootstrapAdmin = bootstrapAdmin;
        DataDirectory = Directory.CreateTempSubdirectory("adminportal-test-").FullName;
        // There already, so that a test can put a database in it before the portal starts (the portal makes it 0700).
        Directory.CreateDirectory(DataFolder);
    }

    /// <summary>The test's temporary folder: the data folder (<see cref="DataFolder"/>) and, beside it, keys/ with the master key.</summary>
    public string DataDirectory { get; }

    /// <summary>The database's folder (the key file goes beside it, not in the shared temp folder).</summary>
    public string DataFolder => Path.Combine(DataDirectory, "data");

    public string DatabasePath => Path.Combine(DataFolder, "portal.db");

    /// <summary>
    /// The portal's database on the run's PostgreSQL cluster, for the PostgreSQL side of a matrix test class
    /// (<see cref="UsePostgreSqlAsync"/>); null on SQLite, the file at <see cref="DatabasePath"/>.
    /// </summary>
    public TestDatabase? PostgreSql { get; private set; }

    /// <summary>Puts the portal on a new PostgreSQL database, as an operator's settings would; before the portal starts.</summary>
    public async Task UsePostgreSqlAsync() => PostgreSql = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    /// <summary>Puts the portal on <paramref name="provider"/>: SQLite is the default, PostgreSQL takes a database of its own.</summary>
    public Task UseProviderAsync(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSQL ? UsePostgreSqlAsync() : Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Path", DatabasePath);
        foreach (var (key, value) in PostgreSql?.Settings() ?? [])
        {
            builder.UseSetting(key, value);
        }

        // The emulators and test listeners run on 127.0.0.1: tests opt into custom endpoints for that host only.
        builder.UseSetting("Integrations:CustomEndpoints:Enabled", "true");
        builder.UseSetting("Integrations:CustomEndpoints:AllowedHosts:0", "127.0.0.1");
        // Every request of a test comes from one (unknown) address: the per-address sign-in throttle has its own tests.
        builder.UseSetting("SignIn:AttemptsPerAddress", "100000");
        if (bootstrapAdmin)
        {
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", Password);
        }
    }

    public HttpClient CreateBrowserLikeClient(bool https = false) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    public async Task CreateUserAsync(string email, string role, string password = Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAtUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>
    /// Takes a role away in the database only, as another Admin's change would: a principal built before keeps claiming
    /// it (a circuit keeps the principal its page was opened with).
    /// </summary>
    public Task RemoveRoleAsync(string email, string role) => ChangeRolesAsync(email, (users, user) => users.RemoveFromRoleAsync(user, role));

    /// <summary>Gives a role in the database only (see <see cref="RemoveRoleAsync"/>).</summary>
    public Task AddRoleAsync(string email, string role) => ChangeRolesAsync(email, (users, user) => users.AddToRoleAsync(user, role));

    private async Task ChangeRolesAsync(string email, Func<UserManager<PortalUser>, PortalUser, Task<IdentityResult>> change)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var changed = await change(users, user);
        Assert.True(changed.Succeeded, string.Join(" ", changed.Errors.Select(e => e.Description)));
    }

    /// <summary>The portal's own access events, as the audit log store holds them (family "adminportal").</summary>
    public async Task<List<SecurityEventView>> SecurityEventsAsync(string? subject = null)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && (subject == null || e.TargetName == subject))
            .OrderBy(e => e.Id)
            .ToListAsync();
        return rows.Select(e => new SecurityEventView(
            Enum.Parse<SecurityEventKind>(e.Code), e.Status == AuditEventStatus.Success, e.Login, e.TargetName)).ToList();
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token and all); returns the form's response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(form));
    }

    /// <summary>Wrong passwords until the account is locked out (the lockout threshold of the default settings).</summary>
    public static async Task LockOutAsync(HttpClient client, string email)
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, email, "Wrong-Password-" + i);
        }
    }

    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        PostgreSql?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS temp cleaner takes it.
        }
    }
}

/// <summary>A portal with no user at all: first-run setup is open.</summary>
public sealed class FreshPortalFactory() : PortalFactory(bootstrapAdmin: false);

/// <summary>A portal with the bootstrap Admin and one Auditor (on SQLite; <see cref="PostgreSqlSeededPortalFactory"/>).</summary>
public class SeededPortalFactory : PortalFactory, IAsyncLifetime
{
    public const string AuditorEmail = "auditor@example.test";

    public virtual Task InitializeAsync() => CreateUserAsync(AuditorEmail, PortalRoles.Auditor);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary><see cref="SeededPortalFactory"/> on a PostgreSQL database of its own.</summary>
public sealed class PostgreSqlSeededPortalFactory : SeededPortalFactory
{
    public override async Task InitializeAsync()
    {
        await UsePostgreSqlAsync();
        await base.InitializeAsync();
    }
}

public sealed record SecurityEventView(SecurityEventKind Kind, bool Success, string ActorEmail, string? SubjectEmail);
