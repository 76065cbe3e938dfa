using AdminPortal.Core;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using FilterOperator = AdminPortal.Core.AuditLogs.Explorer.FilterOperator;

namespace AdminPortal.Web.Tests.AuditLogs;

/// <summary>
/// A bUnit context over a real portal database (SQLite in a temp folder, through the Core registration) with an Admin
/// signed in: the explorer's components read it through the real use cases, as on the server.
/// </summary>
public abstract class ExplorerContext : PortalComponentContext, IAsyncLifetime
{
    protected const string AdminEmail = "admin@example.test";

    private readonly string folder = Directory.CreateTempSubdirectory("adminportal-web-").FullName;

    protected ExplorerContext()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(folder, "data", "portal.db"),
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = "Correct-Horse-9-Battery",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddDataProtection();
        Services.AddPortalCore(configuration);
        AddAuthorization().SetAuthorized(AdminEmail);
    }

    protected DateTime Now { get; } = DateTime.UtcNow;

    /// <summary>The seeded events only: the portal writes its own (the Admin's creation) beside them.</summary>
    protected static AuditFilter Seeded { get; } = new("Datasource", FilterOperator.Equals, "snowflake");

    public async Task InitializeAsync()
    {
        await Services.GetRequiredService<PortalInitializer>().InitializeAsync();
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync(Seed());
        // MudBlazor's selects and menus open into the popover provider, as in the portal's layout.
        Render<MudPopoverProvider>();
    }

    /// <summary>The events the test's database holds.</summary>
    protected abstract IReadOnlyList<AuditEvent> Seed();

    /// <summary>An event <paramref name="minutesAgo"/> minutes old.</summary>
    protected AuditEvent Event(int number, int minutesAgo, string login, AuditEventStatus status = AuditEventStatus.Success) => new()
    {
        EventId = $"ev-{number:D4}",
        EventTimeUtc = Now.AddMinutes(-minutesAgo),
        Datasource = "snowflake",
        Family = "database",
        Login = login,
        Action = "select",
        Status = status,
        TargetType = AuditTargetType.Asset,
        TargetName = "SALES.PUBLIC.ORDERS",
        RawJson = $"{{\"id\":\"ev-{number:D4}\"}}",
    };

    async Task IAsyncLifetime.DisposeAsync()
    {
        // MudBlazor's popover service disposes only asynchronously.
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the runner still holds: the temp folder is cleaned by the system.
        }
    }
}
