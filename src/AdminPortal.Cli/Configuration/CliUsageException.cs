namespace AdminPortal.Cli.Configuration;

/// <summary>Something the user must fix before anything is sent (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);
