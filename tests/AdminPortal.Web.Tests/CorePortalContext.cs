using System.Security.Claims;
using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MudBlazor;

namespace AdminPortal.Web.Tests;

/// <summary>
/// The one bUnit context over the portal's real Core: AddPortalCore on a SQLite file in a temporary folder, migrated,
/// its first Admin bootstrapped as at start, and signed in as that Admin (or another user through
/// <see cref="SignInAsAsync"/>). Folder contexts derive from it and add only their seed helpers and clock.
/// </summary>
public abstract class CorePortalContext : PortalComponentContext, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Correct-Horse-42";
    public const string IamUserArn = "arn:aws:iam::111122223333:user/adminportal-export";
    public const string GcpServiceAccount = "adminportal-export@adminportal-prod.iam.gserviceaccount.com";
    public const string AzureAppName = "AdminPortal Audit Export";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("adminportal-webtests-");
    private bool disposedAsync;

    /// <param name="clock">A stopped clock for components that show or compute times; the system clock when null.</param>
    protected CorePortalContext(TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(folder.FullName, "data", "portal.db"),
            ["Secrets:MasterKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Integrations:CustomEndpoints:Enabled"] = "true",
            ["Integrations:CustomEndpoints:AllowedHosts:0"] = "127.0.0.1",
            ["Integrations:AwsIamUserArn"] = IamUserArn,
            ["Integrations:AzureAppName"] = AzureAppName,
            ["Integrations:AzureAppClientId"] = "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04",
            ["Integrations:GcpServiceAccount"] = GcpServiceAccount,
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        // Identity's token providers need a key ring; the Web project persists its own.
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddHttpContextAccessor();
        Services.AddPortalCore(configuration);
        if (clock is not null)
        {
            Services.AddSingleton(clock);
        }

        // Send now stops with the host: bUnit has none.
        Services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        Services.AddSingleton<Core.Notifications.IPortalLinks, RouteTableLinks>();

        Auth = AddAuthorization();
        SignIn(AdminEmail, PortalRoles.Admin);
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>The bootstrapped Admin as the use cases see a signed-in user.</summary>
    protected static ClaimsPrincipal Admin { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, AdminEmail), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "test"));

    public virtual async Task InitializeAsync() => await Services.GetRequiredService<PortalInitializer>().InitializeAsync();

    /// <summary>
    /// Makes <paramref name="email"/> the signed-in user, creating the account when it does not exist and giving it
    /// <paramref name="role"/> in the database (no role when null: the account exists but holds none).
    /// </summary>
    protected async Task SignInAsAsync(string email, string? role)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, AdminPassword)).Succeeded);
            }

            if (role is not null && !await users.IsInRoleAsync(user, role))
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        }

        SignIn(email, role);
    }

    /// <summary>Renders the popover and dialog providers, as the layout does: menus and dialogs opened through PortalDialogs show in here.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogs()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    private void SignIn(string email, string? role)
    {
        Auth.SetAuthorized(email);
        Auth.SetClaims(new Claim(ClaimTypes.Name, email));
        Auth.SetRoles(role is null ? [] : [role]);
        Auth.SetPolicies(role switch
        {
            PortalRoles.Admin => [Policies.Admin, Policies.AuditLogs],
            PortalRoles.Auditor => [Policies.AuditLogs],
            _ => [],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's services dispose only asynchronously: the context goes first, then its database files.
        await DisposeAsync();
        disposedAsync = true;
        SqliteConnection.ClearAllPools();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the runtime: the temp folder is the system's to clean.
        }
    }

    /// <summary>xUnit disposes the class again after <see cref="IAsyncLifetime.DisposeAsync"/>: once is all it takes.</summary>
    protected override void Dispose(bool disposing)
    {
        if (!disposedAsync)
        {
            base.Dispose(disposing);
        }
    }
}
