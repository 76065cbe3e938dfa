using System.CommandLine;

namespace AdminPortal.Cli.Commands;

/// <summary>Options every command takes: where the portal is, the token, and --json.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The portal's address, e.g. https://portal.example.com (else ADMINPORTAL_URL, else the config file).",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "An API token (apt_…) (else ADMINPORTAL_TOKEN, else the config file).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts instead of a table.",
        Recursive = true,
    };
}
