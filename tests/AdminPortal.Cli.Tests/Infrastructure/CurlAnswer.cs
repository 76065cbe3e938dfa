using System.Text.Json;

namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>What one curl command got: the HTTP status, the response headers, the body, and what bash and curl printed on stderr.</summary>
public sealed record CurlAnswer(string Command, int Status, string Headers, string Body, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.Split('\n')
        .Select(l => l.TrimEnd('\r'))
        .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(l => l[(name.Length + 1)..].Trim())
        .LastOrDefault();

    public override string ToString() => $"{Command}\n→ {Status}\n{Body}\n--- stderr\n{Error}";
}
