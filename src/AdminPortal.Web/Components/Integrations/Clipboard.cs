using AdminPortal.Web.Components.Shared;
using Microsoft.JSInterop;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>Copies a credential, document or token to the browser's clipboard and says so in a pop-up.</summary>
public static class Clipboard
{
    public static async Task CopyAsync(IJSRuntime js, PortalToasts toasts, string what, string text)
    {
        await js.InvokeVoidAsync("adminPortal.copyText", text);
        toasts.Info($"{what} is on the clipboard.");
    }
}
