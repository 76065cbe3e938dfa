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
    protected PortalComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<PortalDialogs>();
        Services.AddScoped<PortalToasts>();
    }
}
