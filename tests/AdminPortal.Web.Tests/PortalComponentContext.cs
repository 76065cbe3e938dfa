using AdminPortal.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AdminPortal.Web.Tests;

/// <summary>
/// A bUnit context with what every portal component needs: MudBlazor's services (its JS calls answered loosely, as
/// bUnit has no browser) and the portal's dialog and toast doors. Tests add the Core services their component injects.
/// </summary>
public abstract class PortalComponentContext : BunitContext
{
    // WaitFor* without a timeout of its own waits this long (bUnit's default is 1 s): these components answer after real
    // database work, and on 2 cores shared with the other test assemblies a render has been seen to take over a second.
    static PortalComponentContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PortalComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<PortalDialogs>();
        Services.AddScoped<PortalToasts>();
    }
}
