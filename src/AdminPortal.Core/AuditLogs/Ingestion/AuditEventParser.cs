using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Reads an ingestion batch (JSON: one event object or an array of them; NDJSON: one object per line) into audit
/// events, event by event from the stream so that a large body never becomes one string. Each event is either the
/// normalized shape or an ALTR event (recognised by <c>eventID</c>); see README.md beside this file. Every accepted
/// event then meets <see cref="IngestionRules"/> (time window, the portal's reserved source).
/// </summary>
public sealed class AuditEventParser(IngestionRules rules)
{
    /// <summary>A parser with the default rules and the system clock (tests, bench/).</summary>
    public AuditEventParser()
        : this(IngestionRules.Default)
    {
    }

    /// <summary>The largest single event (a line, an array element or a single-object body) read.</summary>
    public const int MaxEventBytes = 1024 * 1024;

    /// <summary>The events of one call to the sink: a size that suits one database insert.</summary>
    public const int DefaultChunkSize = 1000;

    /// <summary>
    /// The JSON text of one call to the sink at most, whatever the count: a thousand events of 1 MB each would hold a
    /// gigabyte. With the strings an event's text becomes, a chunk stays a few times this in memory.
    /// </summary>
    public const int MaxChunkBytes = 4 * 1024 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The formats a content type names; null when it names none we read.</summary>
    public static AuditBatchFormat? FormatOf(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json" or "text/json" => AuditBatchFormat.Json,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" => AuditBatchFormat.Ndjson,
            _ => null,
        };
    }

    /// <summary>Parses a batch whose format is given by its content type, keeping every event in the result.</summary>
    public async Task<AuditParseResult> ParseAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        if (FormatOf(contentType) is not { } format)
        {
            return new AuditParseResult
            {
                BatchError = $"content type '{contentType}' is not supported: send application/json (an event or an array of events) or application/x-ndjson (one event per line)",
            };
        }
        return await ParseAsync(body, format, cancellationToken);
    }

    /// <summary>Parses a batch of the given format, keeping every event in the result.</summary>
    public async Task<AuditParseResult> ParseAsync(Stream body, AuditBatchFormat format, CancellationToken cancellationToken = default)
    {
        var events = new List<AuditEvent>();
        var result = await ParseAsync(body, format, (chunk, _) =>
        {
            events.AddRange(chunk);
            return Task.CompletedTask;
        }, DefaultChunkSize, cancellationToken);
        result.Events.AddRange(events);
        return result;
    }

    /// <summary>
    /// Parses a batch and hands the accepted events to <paramref name="onEvents"/> in chunks of
    /// <paramref name="chunkSize"/> as they are read, so that a large body is stored as it streams in and never held
    /// whole. The result then holds the rejections and counts, not the events. <see cref="FormatOf"/> gives the format
    /// of a content type.
    /// </summary>
    public async Task<AuditParseResult> ParseAsync(
        Stream body,
        AuditBatchFormat format,
        Func<IReadOnlyList<AuditEvent>, CancellationToken, Task> onEvents,
        int chunkSize = DefaultChunkSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var batch = new Batch(onEvents, chunkSize, rules.Start());
        using var buffer = new StreamBuffer(body);
        if (format == AuditBatchFormat.Ndjson)
        {
            await ReadNdjsonAsync(buffer, batch, cancellationToken);
        }
        else
        {
            await ReadJsonAsync(buffer, batch, cancellationToken);
        }
        await batch.FlushAsync(cancellationToken);
        return batch.Result;
    }

    private static async Task ReadNdjsonAsync(StreamBuffer buffer, Batch batch, CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        var skippingLongLine = false;
        var first = true;
        while (await buffer.FillAsync(cancellationToken) || buffer.Length > 0)
        {
            if (first)
            {
                buffer.SkipUtf8Bom();
                first = false;
            }
            var consumed = 0;
            while (true)
            {
                var newline = buffer.Data[consumed..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                }
                else
                {
                    lineNumber++;
                    batch.AddLine(buffer.Memory.Slice(consumed, newline), lineNumber);
                }
                consumed += newline + 1;
            }

            if (buffer.IsAtEnd)
            {
                if (consumed < buffer.Length && !skippingLongLine)
                {
                    lineNumber++;
                    batch.AddLine(buffer.Memory[consumed..buffer.Length], lineNumber);
                }
                return;
            }

            if (consumed == 0 && buffer.Length >= MaxEventBytes)
            {
                if (!skippingLongLine)
                {
                    lineNumber++;
                    batch.Reject(lineNumber, BatchPosition.Line, null, $"the line is longer than {MaxEventBytes / 1024 / 1024} MB");
                    skippingLongLine = true;
                }
                consumed = buffer.Length;
            }
            buffer.Consume(consumed);
            await batch.FlushIfFullAsync(cancellationToken);
        }
    }

    private static async Task ReadJsonAsync(StreamBuffer buffer, Batch batch, CancellationToken cancellationToken)
    {
        var reader = new JsonBatchReader();
        var first = true;
        while (true)
        {
            var more = await buffer.FillAsync(cancellationToken);
            if (first)
            {
                buffer.SkipUtf8Bom();
                first = false;
            }
            var consumed = reader.Step(buffer.Memory[..buffer.Length], buffer.IsAtEnd, batch);
            buffer.Consume(consumed);
            await batch.FlushIfFullAsync(cancellationToken);
            if (reader.IsDone)
            {
                return;
            }
            if (!more && buffer.IsAtEnd)
            {
                reader.Truncated(batch);
                return;
            }
            if (consumed == 0 && buffer.Length >= MaxEventBytes)
            {
                reader.TooLarge(batch);
                return;
            }
        }
    }

    /// <summary>Maps one event's JSON text (any shape) to an outcome.</summary>
    internal static EventOutcome MapEvent(ReadOnlyMemory<byte> utf8Json, JsonStringPool strings)
    {
        if (NormalizedEventReader.TryRead(utf8Json.Span, strings) is { } accepted)
        {
            // JSON has no raw U+0000 in its text (the reader refuses control characters in strings): a value decodes
            // to one only from its escape. Without one, the rules need not look through every field for it.
            return EventOutcome.Accept(accepted) with { FreeOfNul = utf8Json.Span.IndexOf("\\u0000"u8) < 0 };
        }

        try
        {
            return MapEventByDocument(utf8Json, strings);
        }
        catch (InvalidOperationException)
        {
            // A text the reader cannot turn into a string that the checks below did not foresee: the event is
            // rejected, the batch goes on (it used to end the request with an HTML 500).
            return EventOutcome.Reject(null, "a text value cannot be read as Unicode");
        }
    }

    /// <summary>The full mapping of any shape, with the reason of a rejection.</summary>
    internal static EventOutcome MapEventByDocument(ReadOnlyMemory<byte> utf8Json, JsonStringPool strings)
    {
        // Checked before the JSON: a string would silently turn invalid bytes into U+FFFD and store that.
        if (JsonText.FirstInvalidUtf8(utf8Json.Span) is { } invalid)
        {
            return EventOutcome.Reject(null, $"invalid UTF-8 at byte {invalid + 1}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return EventOutcome.Reject(null, "not valid JSON: " + Describe(ex));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventOutcome.Reject(null, $"expected an event object, found {JsonValues.KindName(root.ValueKind)}");
            }
            if (JsonText.FindUnpairedSurrogate(utf8Json.Span) is { } surrogate)
            {
                var where = surrogate.Field is null ? "a field name" : $"field '{JsonValues.Shorten(surrogate.Field)}'";
                return EventOutcome.Reject(null, $"an unpaired surrogate escape {surrogate.Escape} in {where}");
            }
            var rawJson = Encoding.UTF8.GetString(utf8Json.Span);
            return root.TryGetProperty("eventID", out _)
                ? AltrEventMapper.Map(root, rawJson)
                : NormalizedEventMapper.Map(root, rawJson, strings);
        }
    }

    /// <summary>The reader's message without its internal position suffix, with the position in plain words.</summary>
    internal static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }
        message = message.TrimEnd('.', ' ');
        return ex.BytePositionInLine is { } position ? $"{message} (at byte {position + 1})" : message;
    }

    /// <summary>
    /// Collects outcomes: keeps the first of equal event ids and rejects the later ones, hands accepted events to the
    /// sink chunk by chunk, and keeps the first <see cref="AuditParseResult.MaxRejectionsListed"/> rejections.
    /// </summary>
    private sealed class Batch(Func<IReadOnlyList<AuditEvent>, CancellationToken, Task> onEvents, int chunkSize, IngestionCheck check)
    {
        private readonly EventIdSet _firstSeen = new();
        private readonly JsonStringPool _strings = new();
        private List<AuditEvent> _pending = new(chunkSize);
        private long _pendingBytes;

        public AuditParseResult Result { get; } = new();

        public void AddLine(ReadOnlyMemory<byte> line, int lineNumber)
        {
            var span = line.Span;
            if (span.Length > 0 && span[^1] == (byte)'\r')
            {
                line = line[..^1];
                span = line.Span;
            }
            if (span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
            {
                return; // blank lines separate nothing and mean nothing
            }
            Add(line, BatchPosition.Line, lineNumber);
        }

        public void Add(ReadOnlyMemory<byte> utf8Json, BatchPosition position, int line)
        {
            var outcome = MapEvent(utf8Json, _strings);
            if (outcome.Event is not { } auditEvent)
            {
                Reject(line, position, outcome.EventId, outcome.Reason!);
                return;
            }
            if (check.Problem(auditEvent, outcome.DisplayNames, outcome.FreeOfNul) is { } problem)
            {
                Reject(line, position, auditEvent.EventId, problem);
                return;
            }
            if (!_firstSeen.TryAdd(auditEvent.EventId, line, out var firstLine))
            {
                // Every event of a batch has the same position kind: lines, or elements.
                var where = position == BatchPosition.Line ? "line" : "element";
                Reject(line, position, auditEvent.EventId, $"duplicate of {where} {firstLine} (eventId {JsonValues.Shorten(auditEvent.EventId)})");
                return;
            }
            Result.AcceptedCount++;
            _pending.Add(auditEvent);
            _pendingBytes += utf8Json.Length;
        }

        public void Reject(int line, BatchPosition position, string? eventId, string reason)
        {
            Result.RejectedCount++;
            if (Result.Rejections.Count < AuditParseResult.MaxRejectionsListed)
            {
                // An id is at most 400 characters; a longer one is itself the reason and need not come back whole.
                var shownId = eventId is { Length: > AuditEventFields.MaxNameLength } ? JsonValues.Shorten(eventId, AuditEventFields.MaxNameLength) : eventId;
                Result.Rejections.Add(new AuditEventRejection(line, position, shownId, reason));
            }
        }

        public void Refuse(string reason) => Result.BatchError = reason;

        public Task FlushIfFullAsync(CancellationToken cancellationToken) =>
            _pending.Count >= chunkSize || _pendingBytes >= MaxChunkBytes ? FlushAsync(cancellationToken) : Task.CompletedTask;

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            var chunk = _pending;
            _pending = new List<AuditEvent>(chunkSize);
            _pendingBytes = 0;
            await onEvents(chunk, cancellationToken);
        }
    }

    /// <summary>
    /// Walks a JSON body (an object, or an array of elements) across buffer refills, handing each complete element
    /// to the batch. Utf8JsonReader is a ref struct and cannot live across an await, hence the state kept here.
    /// </summary>
    private sealed class JsonBatchReader
    {
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });
        private bool _inArray;
        private int _elements;

        public bool IsDone { get; private set; }

        public int Step(ReadOnlyMemory<byte> data, bool isFinalBlock, Batch batch)
        {
            if (isFinalBlock && data.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                // Nothing but white space is left: say what is missing in words rather than as the reader's syntax error.
                if (_inArray)
                {
                    Truncated(batch);
                }
                else
                {
                    batch.Refuse("the body is empty: send an event object or an array of events");
                    IsDone = true;
                }
                return data.Length;
            }
            var reader = new Utf8JsonReader(data.Span, isFinalBlock, _state);
            var consumed = 0;
            try
            {
                if (!_inArray)
                {
                    if (!reader.Read())
                    {
                        if (isFinalBlock)
                        {
                            batch.Refuse("the body is empty: send an event object or an array of events");
                            IsDone = true;
                        }
                        return 0;
                    }
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                            var start = (int)reader.TokenStartIndex;
                            if (!reader.TrySkip())
                            {
                                return 0; // the whole object is needed: start again with more data
                            }
                            batch.Add(data[start..(int)reader.BytesConsumed], BatchPosition.Body, 1);
                            IsDone = true;
                            return (int)reader.BytesConsumed;
                        case JsonTokenType.StartArray:
                            _inArray = true;
                            _state = reader.CurrentState;
                            consumed = (int)reader.BytesConsumed;
                            break;
                        default:
                            batch.Refuse($"the body must be an event object or an array of events, not {TokenName(reader.TokenType)}");
                            IsDone = true;
                            return 0;
                    }
                }

                while (true)
                {
                    var before = reader.CurrentState;
                    var beforeConsumed = (int)reader.BytesConsumed;
                    if (!reader.Read())
                    {
                        _state = before;
                        return beforeConsumed;
                    }
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        IsDone = true;
                        return (int)reader.BytesConsumed;
                    }
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        _state = before;
                        return beforeConsumed;
                    }
                    _elements++;
                    batch.Add(data[start..(int)reader.BytesConsumed], BatchPosition.Element, _elements);
                    _state = reader.CurrentState;
                    consumed = (int)reader.BytesConsumed;
                }
            }
            catch (JsonException ex)
            {
                var where = _inArray ? $"element {_elements + 1}" : "the body";
                batch.Reject(_elements + 1, _inArray ? BatchPosition.Element : BatchPosition.Body, null,
                    $"not valid JSON at line {ex.LineNumber + 1} of the body: {Describe(ex)}; {where} and the rest of the body were not read");
                IsDone = true;
                return consumed;
            }
        }

        public void Truncated(Batch batch)
        {
            if (IsDone)
            {
                return;
            }
            if (_inArray)
            {
                batch.Reject(_elements + 1, BatchPosition.Element, null, "the body ends before its array is closed with ]");
            }
            else
            {
                batch.Refuse("the body ends before its event object is closed with }");
            }
            IsDone = true;
        }

        public void TooLarge(Batch batch)
        {
            var limit = $"larger than {MaxEventBytes / 1024 / 1024} MB";
            if (_inArray)
            {
                batch.Reject(_elements + 1, BatchPosition.Element, null, $"the event is {limit}; it and the rest of the body were not read");
            }
            else
            {
                batch.Refuse($"the event is {limit}");
            }
            IsDone = true;
        }

        private static string TokenName(JsonTokenType token) => token switch
        {
            JsonTokenType.String => "a text",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            _ => "null",
        };
    }

    /// <summary>A pooled byte window over a stream: fill at the end, consume from the front.</summary>
    private sealed class StreamBuffer(Stream stream) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);

        public int Length { get; private set; }

        public bool IsAtEnd { get; private set; }

        public ReadOnlySpan<byte> Data => _bytes.AsSpan(0, Length);

        public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(0, Length);

        /// <summary>Reads more bytes, growing the window when it is full; false at the end of the stream.</summary>
        public async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (IsAtEnd)
            {
                return false;
            }
            if (Length == _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_bytes.Length * 2);
                _bytes.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }
            var read = await stream.ReadAsync(_bytes.AsMemory(Length), cancellationToken);
            if (read == 0)
            {
                IsAtEnd = true;
                return false;
            }
            Length += read;
            return true;
        }

        public void SkipUtf8Bom()
        {
            if (Data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                Consume(3);
            }
        }

        public void Consume(int count)
        {
            if (count == 0)
            {
                return;
            }
            _bytes.AsSpan(count, Length - count).CopyTo(_bytes);
            Length -= count;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_bytes);
    }
}
