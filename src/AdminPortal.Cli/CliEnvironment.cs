namespace AdminPortal.Cli;

/// <summary>What the CLI reads from outside the command line: environment variables, the home folder, the console.</summary>
public sealed record CliEnvironment(
    Func<string, string?> Variable,
    string HomeDirectory,
    TextWriter Out,
    TextWriter Error,
    HttpMessageHandler? Handler = null)
{
    /// <summary>The process's own environment and console.</summary>
    public static CliEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable,
        // HOME as given, even when the folder does not exist yet (GetFolderPath answers "" then).
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Console.Out,
        Console.Error);
}
