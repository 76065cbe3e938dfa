using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>The three files of one Brainwave-style CSV collection, and what makes the raw log itself recognisable.</summary>
/// <param name="RawLog">The raw log: comma separated, with a header row.</param>
/// <param name="EventProperties">The event properties file: <c>eventid;message;category;subcategory;1;2;…</c>.</param>
/// <param name="AttributeMapping">The attribute mapping file: a header of audit attributes, then one row of templates per event id.</param>
/// <param name="FileIdentity">
/// Names the raw log (e.g. its datasource and file name): part of the id of events whose mapping gives none, so that
/// collecting the same file again produces the same ids and the store ignores them.
/// </param>
public sealed record CsvCollectionInput(Stream RawLog, Stream EventProperties, Stream AttributeMapping, string FileIdentity);

/// <summary>A raw log row that produced no event.</summary>
public sealed record CsvRowRejection(int Line, string Reason)
{
    /// <summary>"line 4: no mapping for event id 4663".</summary>
    public string Message => $"line {Line}: {Reason}";

    public override string ToString() => Message;
}

/// <summary>Which of the collection's files a <see cref="CsvDefinitionError"/> is in.</summary>
public enum CsvCollectionFile
{
    RawLog,
    EventProperties,
    AttributeMapping,
}

/// <summary>A fault in a file that defines the whole collection; the collection is refused and produces nothing.</summary>
public sealed record CsvDefinitionError(CsvCollectionFile File, int Line, string Reason)
{
    /// <summary>"attribute mapping file, line 3: …".</summary>
    public string Message => $"{FileName(File)}, line {Line}: {Reason}";

    public override string ToString() => Message;

    private static string FileName(CsvCollectionFile file) => file switch
    {
        CsvCollectionFile.RawLog => "raw log",
        CsvCollectionFile.EventProperties => "event properties file",
        _ => "attribute mapping file",
    };
}

/// <summary>
/// The events collected from a raw log (not stored yet; empty when a sink received them), the rows rejected, or the
/// reason nothing was collected.
/// </summary>
public sealed class CsvCollectionResult
{
    /// <summary>The longest reason kept: a reason may quote a cell, and a cell may be megabytes long.</summary>
    public const int MaxReasonLength = 1000;

    public List<AuditEvent> Events { get; } = [];

    /// <summary>The first <see cref="AuditParseResult.MaxRejectionsListed"/> rejected rows, in line order; the rest are only counted.</summary>
    public List<CsvRowRejection> Rejections { get; } = [];

    /// <summary>Rows that produced an event.</summary>
    public int AcceptedCount { get; internal set; }

    /// <summary>Rows rejected, listed or not.</summary>
    public int RejectedCount { get; private set; }

    internal void Reject(int line, string reason)
    {
        RejectedCount++;
        if (Rejections.Count < AuditParseResult.MaxRejectionsListed)
        {
            Rejections.Add(new CsvRowRejection(line, JsonValues.Shorten(reason, MaxReasonLength - 1)));
        }
    }

    /// <summary>Set when a definition file (or the raw log's header) is malformed: then Events and Rejections are empty.</summary>
    public CsvDefinitionError? Refusal { get; internal set; }

    public bool IsRefused => Refusal is not null;
}

/// <summary>Raised while reading a definition file; becomes the result's <see cref="CsvCollectionResult.Refusal"/>.</summary>
internal sealed class CsvDefinitionException(CsvCollectionFile file, int line, string reason) : Exception(reason)
{
    // Cut: a reason may list a header or quote a cell of any length (a 20 MB header made a 20 MB error).
    public CsvDefinitionError Error { get; } = new(file, line, JsonValues.Shorten(reason, CsvCollectionResult.MaxReasonLength - 1));
}
