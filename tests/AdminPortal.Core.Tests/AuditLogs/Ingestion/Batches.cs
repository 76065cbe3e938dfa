using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>Builds request bodies and parses them as the ingestion API would.</summary>
internal static class Batches
{
    public const string Json = "application/json";
    public const string Ndjson = "application/x-ndjson";

    /// <summary>A normalized event with every mandatory field, plus or minus the given JSON members.</summary>
    public static string Event(string id = "evt-1", string extra = "", params string[] without)
    {
        var members = new Dictionary<string, string>
        {
            ["eventId"] = $"\"{id}\"",
            ["eventTime"] = "\"2026-11-22T10:15:00Z\"",
            ["datasource"] = "\"snowflake\"",
            ["family"] = "\"database\"",
            ["login"] = "\"jsmith\"",
            ["repository"] = "\"okta\"",
            ["code"] = "\"LOGIN\"",
            ["codeLabel"] = "\"Sign-in\"",
            ["action"] = "\"login\"",
        };
        foreach (var name in without)
        {
            members.Remove(name);
        }
        var body = string.Join(",", members.Select(m => $"\"{m.Key}\":{m.Value}"));
        return "{" + body + (extra.Length > 0 ? "," + extra : "") + "}";
    }

    public static Task<AuditParseResult> ParseAsync(string body, string contentType) =>
        new AuditEventParser().ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType);

    public static Task<AuditParseResult> ParseNdjsonAsync(params string[] lines) => ParseAsync(string.Join("\n", lines), Ndjson);

    public static async Task<AuditEvent> SingleAsync(string eventJson)
    {
        var result = await ParseAsync(eventJson, Json);
        Assert.Empty(result.Rejections.Select(r => r.Message));
        return Assert.Single(result.Events);
    }

    public static async Task<AuditEventRejection> RejectedAsync(string eventJson)
    {
        var result = await ParseNdjsonAsync(eventJson);
        Assert.Empty(result.Events);
        return Assert.Single(result.Rejections);
    }
}

/// <summary>A stream that hands out a few bytes per read, as a slow network does, to exercise buffer refills.</summary>
internal sealed class TrickleStream(byte[] bytes, int bytesPerRead) : MemoryStream(bytes)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);
}
