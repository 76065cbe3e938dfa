using System.Security.Claims;
using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using AdminPortal.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests;

/// <summary>
/// A bUnit context over the portal's real Core (use cases, EF Core on a SQLite file in a temporary folder, secrets),
/// composed as Program.cs composes it, with a bootstrapped Admin signed in: components run against what they run on.
/// </summary>
public abstract class CorePortalContext : PortalComponentContext, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string IamUserArn = "arn:aws:iam::111122223333:user/adminportal-export";
    public const string GcpServiceAccount = "adminportal-export@adminportal-prod.iam.gserviceaccount.com";
    public const string AzureAppName = "AdminPortal Audit Export";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("adminportal-webtests-");

    protected CorePortalContext()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(folder.FullName, "data", "portal.db"),
            ["Secrets:MasterKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = "Correct-Horse-42",
            ["Integrations:CustomEndpoints:Enabled"] = "true",
            ["Integrations:CustomEndpoints:AllowedHosts:0"] = "127.0.0.1",
            ["Integrations:AwsIamUserArn"] = IamUserArn,
            ["Integrations:AzureAppName"] = AzureAppName,
            ["Integrations:AzureAppClientId"] = "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04",
            ["Integrations:GcpServiceAccount"] = GcpServiceAccount,
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddDataProtection().SetApplicationName("AdminPortal.Web.Tests");
        Services.AddHttpContextAccessor();
        Services.AddPortalCore(configuration);
        Services.AddSingleton<Core.Notifications.IPortalLinks, RouteTableLinks>();

        var authorization = AddAuthorization();
        authorization.SetAuthorized(AdminEmail);
        authorization.SetRoles(PortalRoles.Admin);
        authorization.SetClaims(new Claim(ClaimTypes.Name, AdminEmail));
    }

    /// <summary>The signed-in Admin as the use cases see it.</summary>
    protected static ClaimsPrincipal Admin { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, AdminEmail), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "test"));

    public virtual async Task InitializeAsync() => await Services.GetRequiredService<PortalInitializer>().InitializeAsync();

    /// <summary>Renders the dialog provider, as the layout does, so that dialogs opened through PortalDialogs show.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogs()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the runtime: the temp folder is cleaned by the OS.
        }
    }
}
