namespace AdminPortal.Cli.Api;

/// <summary>An RFC 9457 answer: the portal's title, detail and, for 400, the messages per field (JSON paths).</summary>
public sealed record ProblemDetails(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
