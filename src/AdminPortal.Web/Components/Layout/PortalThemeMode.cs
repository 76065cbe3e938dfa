namespace AdminPortal.Web.Components.Layout;

/// <summary>The theme a user chose in the user menu; System follows the operating system's light or dark setting.</summary>
public enum PortalThemeMode
{
    System,
    Light,
    Dark,
}
