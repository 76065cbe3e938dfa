using MudBlazor;

namespace AdminPortal.Web.Components.Shared;

/// <summary>
/// The portal's one door to MudBlazor's dialogs: pages open a dialog component or ask a yes/no question through it, and
/// get back what the dialog returned, never the library's result types.
/// </summary>
public sealed class PortalDialogs(IDialogService dialogs)
{
    private static readonly DialogOptions Options = new()
    {
        CloseOnEscapeKey = true,
        CloseButton = true,
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
    };

    /// <summary>
    /// Opens <typeparamref name="TDialog"/> (a component holding a <c>MudDialog</c>) with <paramref name="parameters"/>;
    /// returns what it closed with, or default when cancelled.
    /// </summary>
    public async Task<TResult?> OpenAsync<TDialog, TResult>(string title, IDictionary<string, object?>? parameters = null,
        MaxWidth maxWidth = MaxWidth.Small) where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var values = new DialogParameters();
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
        {
            values.Add(name, value);
        }

        var options = Options with { MaxWidth = maxWidth };
        var reference = await dialogs.ShowAsync<TDialog>(title, values, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: TResult data } ? data : default;
    }

    /// <summary>Asks a question with one action button (e.g. "Delete") and Cancel; true when the action was chosen.</summary>
    public async Task<bool> ConfirmAsync(string title, string message, string action)
    {
        var answer = await dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel", options: Options);
        return answer == true;
    }
}
