namespace AdminPortal.Cli.Api;

/// <summary>How far a running export has got.</summary>
public sealed record RunProgress(long Rows, long Bytes);
