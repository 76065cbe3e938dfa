namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>What one run of the tool printed and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
