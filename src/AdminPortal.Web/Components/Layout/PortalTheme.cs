using MudBlazor;

namespace AdminPortal.Web.Components.Layout;

/// <summary>
/// The portal's light and dark palettes and its type. The system font stack only: the portal runs without internet and
/// its CSP allows only 'self', so there is no web font to load (MudBlazor's default, Roboto, would never arrive).
/// </summary>
public static class PortalTheme
{
    public static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3a4cc0",
            Secondary = "#5c6bc0",
            AppbarBackground = "#1f2a6b",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            TextPrimary = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.6)",
            Error = "#b3261e",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Info = "#1e6fd9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#9fa8da",
            AppbarBackground = "#161a2e",
            AppbarText = "#e8eaf6",
            Background = "#101322",
            BackgroundGray = "#181c30",
            Surface = "#1b2036",
            DrawerBackground = "#161a2e",
            DrawerText = "rgba(255,255,255,0.8)",
            DrawerIcon = "rgba(255,255,255,0.7)",
            TextPrimary = "rgba(255,255,255,0.9)",
            TextSecondary = "rgba(255,255,255,0.65)",
            LinesDefault = "rgba(255,255,255,0.14)",
            TableLines = "rgba(255,255,255,0.12)",
            Divider = "rgba(255,255,255,0.12)",
            Error = "#f2b8b5",
            Success = "#81c995",
            Warning = "#fdd663",
            Info = "#8ab4f8",
            // The dark palette's colours are light, so what is written on them is dark: MudBlazor's white on #8c9eff
            // (filled buttons) or on #81c995 (the SUCCESS chip) read at about 2:1.
            PrimaryContrastText = "#0d1240",
            SecondaryContrastText = "#0d1240",
            ErrorContrastText = "#601410",
            SuccessContrastText = "#0b3d1a",
            WarningContrastText = "#3d2e00",
            InfoContrastText = "#0b2a5c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H1 = new H1Typography { FontFamily = FontStack },
            H2 = new H2Typography { FontFamily = FontStack },
            H3 = new H3Typography { FontFamily = FontStack },
            H4 = new H4Typography { FontFamily = FontStack },
            H5 = new H5Typography { FontFamily = FontStack },
            H6 = new H6Typography { FontFamily = FontStack },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontStack },
            Subtitle2 = new Subtitle2Typography { FontFamily = FontStack },
            Body1 = new Body1Typography { FontFamily = FontStack },
            Body2 = new Body2Typography { FontFamily = FontStack },
            // Sigma's words: buttons in sentence case, not MudBlazor's upper case.
            Button = new ButtonTypography { FontFamily = FontStack, TextTransform = "none" },
            Caption = new CaptionTypography { FontFamily = FontStack },
            Overline = new OverlineTypography { FontFamily = FontStack },
        },
    };
}
