using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>What the ingestion API answers: counts, and every rejected line with its reason.</summary>
public sealed record IngestionReport(
    int Received,
    int Stored,
    int Duplicates,
    int Rejected,
    IReadOnlyList<IngestionProblem> Rejections,
    string? Error)
{
    public bool Succeeded => Error is null;
}

public sealed record IngestionProblem(int Line, string? EventId, string Reason);

/// <summary>
/// Stores a batch of events sent to the ingestion API or collected from CSV files.
/// Rules (README "Ingestion"): a body that cannot be read as a whole (broken JSON array, unknown format, refused CSV
/// definition) stores nothing; otherwise valid events are stored in one transaction and every rejected line is listed
/// with its reason, or, with <c>atomic</c>, any rejection stores nothing. Duplicate event ids are counted, not stored again.
/// </summary>
public sealed class AuditIngestion(AuditEventParser parser, CsvCollector collector, AuditEventWriter writer)
{
    public async Task<IngestionReport> IngestAsync(Stream body, AuditBatchFormat format, bool atomic, CancellationToken ct = default)
    {
        var parsed = await parser.ParseAsync(body, format, ct);
        var problems = parsed.Rejections.Select(r => new IngestionProblem(r.Line, r.EventId, r.Message)).ToList();
        var received = parsed.AcceptedCount + parsed.RejectedCount;
        if (parsed.BatchError is not null)
        {
            return new IngestionReport(received, 0, 0, parsed.RejectedCount, problems, parsed.BatchError + " Nothing was stored.");
        }

        return await StoreAsync(parsed.Events, received, parsed.RejectedCount, problems, atomic, ct);
    }

    public async Task<IngestionReport> CollectCsvAsync(CsvCollectionInput input, bool atomic, CancellationToken ct = default)
    {
        var collected = await collector.CollectAsync(input, ct);
        if (collected.Refusal is { } refusal)
        {
            return new IngestionReport(0, 0, 0, 0, [], $"{FileName(refusal.File)} file, line {refusal.Line}: {refusal.Reason} Nothing was stored.");
        }

        var problems = collected.Rejections.Select(r => new IngestionProblem(r.Line, null, $"line {r.Line}: {r.Reason}")).ToList();
        return await StoreAsync(collected.Events, collected.Events.Count + collected.Rejections.Count, collected.Rejections.Count, problems, atomic, ct);
    }

    private static string FileName(CsvCollectionFile file) => file switch
    {
        CsvCollectionFile.RawLog => "Raw log",
        CsvCollectionFile.EventProperties => "Event properties",
        CsvCollectionFile.AttributeMapping => "Attribute mapping",
        _ => file.ToString(),
    };

    private async Task<IngestionReport> StoreAsync(
        IReadOnlyList<AuditEvent> events, int received, int rejected, List<IngestionProblem> problems, bool atomic, CancellationToken ct)
    {
        if (atomic && rejected > 0)
        {
            return new IngestionReport(received, 0, 0, rejected, problems,
                $"{rejected} event(s) were rejected and the batch was sent as atomic: nothing was stored.");
        }

        if (events.Count == 0 && rejected > 0)
        {
            return new IngestionReport(received, 0, 0, rejected, problems, $"All {rejected} event(s) were rejected: nothing was stored.");
        }

        var stored = await writer.StoreAsync(events, ct);
        return new IngestionReport(received, stored.Stored, stored.Duplicates.Count, rejected, problems, null);
    }
}
