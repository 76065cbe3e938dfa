namespace AdminPortal.Core.Setup;

/// <summary>Optional first Admin from the environment, so automation needs no setup page.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}
