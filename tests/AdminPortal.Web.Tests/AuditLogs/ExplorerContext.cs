using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using FilterOperator = AdminPortal.Core.AuditLogs.Explorer.FilterOperator;

namespace AdminPortal.Web.Tests.AuditLogs;

/// <summary>The Core context with the events each explorer test seeds, and the popover provider its selects and menus open into.</summary>
public abstract class ExplorerContext : CorePortalContext
{
    protected DateTime Now { get; } = DateTime.UtcNow;

    /// <summary>The seeded events only: the portal writes its own (the Admin's creation) beside them.</summary>
    protected static AuditFilter Seeded { get; } = new("Datasource", FilterOperator.Equals, "snowflake");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
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
}
