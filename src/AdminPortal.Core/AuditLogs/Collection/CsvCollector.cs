using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AdminPortal.Core.AuditLogs.Ingestion;
using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// Brainwave-style CSV collection: normalizes a raw CSV log into audit events with an event properties file and an
/// attribute mapping file (README.md beside this file has the rules). Rows are read one at a time.
/// </summary>
public sealed class CsvCollector(IngestionRules? rules = null, CsvCollectorOptions? options = null)
{
    private readonly CsvCollectorOptions _options = options ?? new CsvCollectorOptions();
    private readonly IngestionRules _rules = rules ?? IngestionRules.Default;

    /// <summary>Collects a raw log, keeping every event in the result.</summary>
    public async Task<CsvCollectionResult> CollectAsync(CsvCollectionInput input, CancellationToken cancellationToken = default)
    {
        var events = new List<AuditEvent>();
        var result = await CollectAsync(input, (chunk, _) =>
        {
            events.AddRange(chunk);
            return Task.CompletedTask;
        }, cancellationToken);
        result.Events.AddRange(events);
        return result;
    }

    /// <summary>
    /// Collects a raw log and hands the events to <paramref name="onEvents"/> a chunk at a time as rows are read, so
    /// that a large log is never held whole; the result then has the rejections and counts. A refused collection may
    /// have handed some events over before the refusal: store them only when the result is not refused.
    /// </summary>
    public async Task<CsvCollectionResult> CollectAsync(
        CsvCollectionInput input, Func<IReadOnlyList<AuditEvent>, CancellationToken, Task> onEvents, CancellationToken cancellationToken = default)
    {
        var result = new CsvCollectionResult();
        var check = _rules.Start();
        var pending = new List<AuditEvent>(AuditEventParser.DefaultChunkSize);
        long pendingChars = 0;
        try
        {
            var properties = await EventPropertiesFile.ReadAsync(input.EventProperties, cancellationToken);

            await using var raw = CsvReader.Create(input.RawLog, CsvRows.Options(result.RejectionList), leaveOpen: true);
            await raw.ReadHeaderAsync(cancellationToken);
            var columns = new RawLogColumns([.. raw.Headers]);
            var eventIdColumn = columns.IndexOf(_options.EventIdColumn)
                ?? throw new CsvDefinitionException(CsvCollectionFile.RawLog, 1,
                    $"the header has no '{_options.EventIdColumn}' column (its columns: {string.Join(", ", columns.Names)})");
            var propertiesColumn = columns.IndexOf(_options.PropertiesColumn);

            var mapping = await AttributeMapping.ReadAsync(input.AttributeMapping, columns, cancellationToken);

            var firstLineOfEventId = new EventIdSet();
            using var rowJson = new RowJsonWriter(columns);
            var scratch = new StringBuilder();
            while (await raw.ReadAsync(cancellationToken))
            {
                var line = (int)raw.LineNumber;
                var values = raw.Current.ToArray();
                var rowChars = 0L;
                foreach (var value in values)
                {
                    rowChars += value.Length;
                }
                if (rowChars > AuditEventParser.MaxEventBytes)
                {
                    // As an API event: a row is kept whole as the event's raw JSON, and a row of 20 MB is not an event.
                    result.Reject(line, $"the row is longer than {AuditEventParser.MaxEventBytes / 1024 / 1024} MB");
                    continue;
                }
                var eventId = values[eventIdColumn].Trim();
                if (eventId.Length == 0)
                {
                    result.Reject(line, $"the {columns.Names[eventIdColumn]} column is empty");
                    continue;
                }
                if (!mapping.Rows.TryGetValue(eventId, out var templates))
                {
                    result.Reject(line, $"no mapping for event id {JsonValues.Shorten(eventId)}");
                    continue;
                }

                var row = new RawRow(columns, values, propertiesColumn, properties.GetValueOrDefault(eventId), scratch);
                var (auditEvent, problem) = MapRow(row, templates, mapping, () => StableEventId(input.FileIdentity, line, raw.Current.ToString()));
                if (auditEvent is null)
                {
                    result.Reject(line, problem!);
                    continue;
                }
                if (check.Problem(auditEvent, mapping.DisplayNames) is { } refused)
                {
                    result.Reject(line, refused);
                    continue;
                }
                if (!firstLineOfEventId.TryAdd(auditEvent.EventId, line, out var firstLine))
                {
                    result.Reject(line, $"duplicate of line {firstLine} (event id {auditEvent.EventId})");
                    continue;
                }
                auditEvent.RawJson = rowJson.Write(values);
                result.AcceptedCount++;
                pending.Add(auditEvent);
                pendingChars += rowChars;
                if (pending.Count >= AuditEventParser.DefaultChunkSize || pendingChars >= AuditEventParser.MaxChunkBytes)
                {
                    await onEvents(pending, cancellationToken);
                    pending = new List<AuditEvent>(AuditEventParser.DefaultChunkSize);
                    pendingChars = 0;
                }
            }
        }
        catch (CsvDefinitionException ex)
        {
            return new CsvCollectionResult { Refusal = ex.Error };
        }
        if (pending.Count > 0)
        {
            await onEvents(pending, cancellationToken);
        }
        result.Rejections.Sort((a, b) => a.Line.CompareTo(b.Line));
        return result;
    }

    /// <summary>Renders a row's templates into an event; the reason when mandatory values are missing or a value does not parse.</summary>
    private static (AuditEvent? Event, string? Problem) MapRow(
        RawRow row, MappingTemplate[] templates, AttributeMapping mapping, Func<string> stableEventId)
    {
        var auditEvent = new AuditEvent();
        var hasDate = false;
        var hasCount = true;
        List<string>? problems = null;
        for (var i = 1; i < templates.Length; i++)
        {
            var attribute = mapping.Attributes[i];
            var value = templates[i].Render(row);
            if (string.IsNullOrWhiteSpace(value))
            {
                hasCount &= attribute.Kind != AttributeKind.Count;
                continue;
            }
            switch (attribute.Kind)
            {
                case AttributeKind.EventUid:
                    auditEvent.EventId = value.Trim();
                    break;
                case AttributeKind.Date:
                    hasDate = true;
                    if (!TryParseDate(value, out var time))
                    {
                        (problems ??= []).Add($"{attribute.Header} '{JsonValues.Shorten(value)}' is not a date (expected ISO-8601, yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss)");
                    }
                    auditEvent.EventTimeUtc = time;
                    break;
                case AttributeKind.Status:
                    if (AuditEventFields.TryReadStatus(attribute.Header, value, acceptWords: true, out var status, out var problem))
                    {
                        auditEvent.Status = status;
                    }
                    else
                    {
                        (problems ??= []).Add(problem);
                    }
                    break;
                case AttributeKind.Count:
                    if (AuditEventFields.TryReadCount(attribute.Header, value, value, out var count, out problem))
                    {
                        auditEvent.Count = count;
                    }
                    else
                    {
                        (problems ??= []).Add(problem);
                    }
                    break;
                case AttributeKind.TargetType:
                    if (AuditEventFields.TryReadTargetType(attribute.Header, value, out var targetType, out problem))
                    {
                        auditEvent.TargetType = targetType;
                    }
                    else
                    {
                        (problems ??= []).Add(problem);
                    }
                    break;
                case AttributeKind.Data:
                    auditEvent.DataJson = IsJson(value) ? value : JsonSerializer.Serialize(value);
                    break;
                default:
                    AuditEventFields.TrySetText(auditEvent, attribute.Field, value);
                    break;
            }
        }

        if (string.IsNullOrEmpty(auditEvent.EventId))
        {
            auditEvent.EventId = stableEventId();
        }
        // Missing or too long values first, then values that did not parse.
        if (AuditEventFields.FindProblem(auditEvent, hasDate, mapping.DisplayNames, hasCount) is { } incomplete)
        {
            (problems ??= []).Insert(0, incomplete);
        }
        return problems is null ? (auditEvent, null) : (null, string.Join("; ", problems));
    }

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss.FFFFFFF",
    ];

    /// <summary>ISO-8601 (an offset is honoured; none means UTC), yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss as UTC.</summary>
    internal static bool TryParseDate(string text, out DateTime utc)
    {
        const DateTimeStyles AsUtc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, AsUtc, out utc))
        {
            return true;
        }
        // ISO-8601 with a T: the only other shape accepted, so that 03/04/2026 is never read as March by accident.
        if (text.Length >= 16 && text[10] is 'T' or 't' && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            utc = time.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    private static bool IsJson(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return false;
        }
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the file's identity, the line and the row: the same file collected again gives the same ids.</summary>
    internal static string StableEventId(string fileIdentity, int line, string rawRecord) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{fileIdentity}\n{line}\n{rawRecord}")));

    /// <summary>Writes rows as JSON objects keyed by column, reusing one buffer for a whole log.</summary>
    private sealed class RowJsonWriter(RawLogColumns columns) : IDisposable
    {
        // Relaxed: the text is stored, not embedded in HTML, and O'Brien reads better than O\u0027Brien.
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly ArrayBufferWriter<byte> _buffer = new();
        private Utf8JsonWriter? _writer;

        public string Write(string[] values)
        {
            _buffer.ResetWrittenCount();
            if (_writer is null)
            {
                _writer = new Utf8JsonWriter(_buffer, Options);
            }
            else
            {
                _writer.Reset(_buffer);
            }
            _writer.WriteStartObject();
            for (var i = 0; i < values.Length; i++)
            {
                _writer.WriteString(columns.Names[i], values[i]);
            }
            _writer.WriteEndObject();
            _writer.Flush();
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        public void Dispose() => _writer?.Dispose();
    }
}
