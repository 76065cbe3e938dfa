using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// How comma separated data files with a header row are read, line by line: a malformed row is rejected with its line
/// and a reason a person can act on, and reading goes on. The raw log of a collection and the ledger's files share it.
/// </summary>
internal static class CsvRows
{
    public static CsvReaderOptions Options(CsvRejections rejections) => new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        OnMalformedRecord = record => rejections.Reject((int)record.LineNumber, record.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch => "the row does not have as many values as the header has columns",
            CsvMalformedReason.UnterminatedQuote => "a quoted value is never closed",
            _ => $"malformed CSV ({record.Reason}): quote values that contain commas or quotes, and double the quotes inside them",
        }),
    };
}
