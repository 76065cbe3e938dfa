using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Pages;

/// <summary>
/// A bUnit context over the portal's real Core (AddPortalCore on a SQLite file of its own, migrated as at start), with
/// users in roles: components read through the same use cases, and role checks, as in the running portal.
/// </summary>
public abstract class PortalCoreContext : PortalComponentContext, IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ap-web-tests-" + Guid.NewGuid().ToString("N"));

    protected PortalCoreContext()
    {
        Directory.CreateDirectory(folder);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(folder, "portal.db"),
        }).Build();
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(settings);
        // Identity's token providers need a key ring to exist; the Web project persists its own.
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddPortalCore(settings);
        // The web's route table, as the portal registers it for Core's links.
        Services.AddSingleton<AdminPortal.Core.Notifications.IPortalLinks, PortalLinks>();
        Auth = AddAuthorization();
    }

    protected BunitAuthorizationContext Auth { get; }

    public async Task InitializeAsync() => await Services.GetRequiredService<PortalInitializer>().InitializeAsync();

    /// <summary>Adds a user with <paramref name="role"/> (none when null) and makes it the signed-in user of the test.</summary>
    protected async Task SignInAsAsync(string email, string? role)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Correct-Horse-42")).Succeeded);
            if (role is not null)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        Auth.SetAuthorized(email);
        if (role is not null)
        {
            Auth.SetRoles(role);
            Auth.SetPolicies(role == PortalRoles.Admin ? [Policies.Admin, Policies.AuditLogs] : [Policies.AuditLogs]);
        }
    }

    /// <summary>MudBlazor's services are only asynchronously disposable: the container is disposed here, before xunit's Dispose.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned by the system.
        }
    }
}
