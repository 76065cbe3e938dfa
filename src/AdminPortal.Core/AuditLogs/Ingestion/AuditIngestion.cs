using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Stores a batch of events sent to the ingestion API or collected from CSV files.
/// Rules (README "Ingestion"): a body that cannot be read as a whole (broken JSON array, unknown format, refused CSV
/// definition) stores nothing; otherwise valid events are stored in one transaction and every rejected line is listed
/// with its reason, or, with <c>atomic</c>, any rejection stores nothing. Duplicate event ids are counted, not stored again.
/// Events are written into that transaction a chunk at a time as they are read (<see cref="AuditWritePipeline"/>), so
/// that a batch is never held whole in memory: the source should be at hand (<see cref="IngestionSpool"/>), as the
/// write gate is held meanwhile.
/// </summary>
public sealed class AuditIngestion(AuditEventParser parser, CsvCollector collector, AuditEventWriter writer)
{
    public async Task<IngestionReport> IngestAsync(Stream body, AuditBatchFormat format, bool atomic, CancellationToken ct = default)
    {
        await using var pipeline = new AuditWritePipeline(writer, ct);
        var parsed = await parser.ParseAsync(body, format, pipeline.AddAsync, AuditEventParser.DefaultChunkSize, ct);
        await using var session = await pipeline.CompleteAsync();
        var problems = parsed.Rejections.Select(r => new IngestionProblem(r.Line, r.EventId, r.Message)).ToList();
        var received = parsed.AcceptedCount + parsed.RejectedCount;
        if (parsed.BatchError is not null)
        {
            return new IngestionReport(received, 0, 0, parsed.RejectedCount, problems, parsed.BatchError + " Nothing was stored.");
        }

        return await FinishAsync(session, parsed.AcceptedCount, parsed.RejectedCount, problems, atomic, ct);
    }

    public async Task<IngestionReport> CollectCsvAsync(CsvCollectionInput input, bool atomic, CancellationToken ct = default)
    {
        await using var pipeline = new AuditWritePipeline(writer, ct);
        (DateTime From, DateTime To)? times = null;
        var collected = await collector.CollectAsync(input, (chunk, token) =>
        {
            foreach (var e in chunk)
            {
                times = times is { } t ? (e.EventTimeUtc < t.From ? e.EventTimeUtc : t.From, e.EventTimeUtc > t.To ? e.EventTimeUtc : t.To) : (e.EventTimeUtc, e.EventTimeUtc);
            }

            return pipeline.AddAsync(chunk, token);
        }, ct);
        await using var session = await pipeline.CompleteAsync();
        if (collected.Refusal is { } refusal)
        {
            return new IngestionReport(0, 0, 0, 0, [], $"{FileName(refusal.File)} file, line {refusal.Line}: {refusal.Reason} Nothing was stored.");
        }

        var problems = collected.Rejections.Select(r => new IngestionProblem(r.Line, null, $"line {r.Line}: {r.Reason}")).ToList();
        return await FinishAsync(session, collected.AcceptedCount, collected.RejectedCount, problems, atomic, ct) with { EventTimes = times };
    }

    private static string FileName(CsvCollectionFile file) => file switch
    {
        CsvCollectionFile.RawLog => "Raw log",
        CsvCollectionFile.EventProperties => "Event properties",
        CsvCollectionFile.AttributeMapping => "Attribute mapping",
        _ => file.ToString(),
    };

    /// <summary>Commits the session's events, or (disposed by the caller without commit) none of them.</summary>
    private static async Task<IngestionReport> FinishAsync(
        IAuditWriteSession session, int accepted, int rejected, List<IngestionProblem> problems, bool atomic, CancellationToken ct)
    {
        var received = accepted + rejected;
        if (atomic && rejected > 0)
        {
            return new IngestionReport(received, 0, 0, rejected, problems,
                $"{rejected} event(s) were rejected and the batch was sent as atomic: nothing was stored.");
        }

        if (accepted == 0 && rejected > 0)
        {
            return new IngestionReport(received, 0, 0, rejected, problems, $"All {rejected} event(s) were rejected: nothing was stored.");
        }

        await session.CommitAsync(ct);
        return new IngestionReport(received, session.Stored, session.Duplicates, rejected, problems, null);
    }
}
