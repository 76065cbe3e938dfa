using System.Text.Json;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;

namespace AdminPortal.Benchmarks;

/// <summary>Demo events as the ingestion API takes them: NDJSON bodies of normalized events, built before any timing.</summary>
internal static class NdjsonBatches
{
    public static List<byte[]> Build(int batches, int batchSize, DateTime nowUtc)
    {
        var events = new DemoDataGenerator(seed: 7).Generate(batches * batchSize, nowUtc).GetEnumerator();
        var bodies = new List<byte[]>(batches);
        var buffer = new MemoryStream();
        for (var b = 0; b < batches; b++)
        {
            buffer.SetLength(0);
            for (var i = 0; i < batchSize && events.MoveNext(); i++)
            {
                using (var json = new Utf8JsonWriter(buffer))
                {
                    Write(json, events.Current);
                }

                buffer.WriteByte((byte)'\n');
            }

            bodies.Add(buffer.ToArray());
        }

        return bodies;
    }

    /// <summary>The normalized shape (Ingestion README): camelCase fields, absent when empty.</summary>
    private static void Write(Utf8JsonWriter json, AuditEvent e)
    {
        json.WriteStartObject();
        json.WriteString("eventId", e.EventId);
        json.WriteString("eventTime", e.EventTimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        Text(json, "tenant", e.Tenant);
        Text(json, "datasource", e.Datasource);
        Text(json, "family", e.Family);
        Text(json, "whereSource", e.WhereSource);
        Text(json, "whereDestination", e.WhereDestination);
        Text(json, "login", e.Login);
        Text(json, "repository", e.Repository);
        Text(json, "identity", e.Identity);
        Text(json, "session", e.Session);
        Text(json, "category", e.Category);
        Text(json, "code", e.Code);
        Text(json, "codeLabel", e.CodeLabel);
        Text(json, "action", e.Action);
        Text(json, "payload", e.Payload);
        Text(json, "status", e.Status?.ToString().ToLowerInvariant());
        json.WriteNumber("count", e.Count);
        Text(json, "displayLabel", e.DisplayLabel);
        Text(json, "targetType", e.TargetType?.ToString().ToLowerInvariant());
        Text(json, "targetName", e.TargetName);
        Text(json, "targetParent", e.TargetParent);
        Text(json, "oldValue", e.OldValue);
        Text(json, "newValue", e.NewValue);
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
