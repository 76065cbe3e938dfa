namespace AdminPortal.Cli.Configuration;

/// <summary>The config file's content: <c>{ "url", "token" }</c>, either may be missing.</summary>
public sealed record CliSettings(string? Url, string? Token);
