using MudBlazor;

namespace AdminPortal.Web.Components.Shared;

/// <summary>
/// The portal's one door to MudBlazor's snackbar: short pop-ups such as "Cloud destination updated". An error shows one
/// line; the cloud's full text goes behind "Show details" on the page that failed, never into a toast.
/// </summary>
public sealed class PortalToasts(ISnackbar snackbar)
{
    /// <summary>A pop-up saying an action worked.</summary>
    public void Success(string message) => snackbar.Add(message, Severity.Success);

    /// <summary>A pop-up with something the user should know that is not an error.</summary>
    public void Info(string message) => snackbar.Add(message, Severity.Info);

    /// <summary>A one-line pop-up saying an action was done but something about it needs a look (a failed connection test).</summary>
    public void Warning(string message) => snackbar.Add(OneLine(message), Severity.Warning);

    /// <summary>A one-line pop-up saying an action failed; it stays until closed.</summary>
    public void Error(string message) => snackbar.Add(OneLine(message), Severity.Error, options =>
    {
        options.RequireInteraction = true;
        options.ShowCloseIcon = true;
    });

    /// <summary>The first line of <paramref name="text"/>, at most 200 characters.</summary>
    public static string OneLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..199] + "…";
    }
}
