using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>The shared reading rules of the two semicolon separated definition files.</summary>
internal static class DefinitionFiles
{
    public static CsvReaderOptions Options(bool hasHeader) => new()
    {
        Separator = ';',
        HasHeader = hasHeader,
        TrackLineNumbers = true,
        CommentPrefix = '#',
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    /// <summary>Reads the next record; a malformed one becomes a definition error with its line.</summary>
    public static async Task<bool> ReadAsync(CsvReader reader, CsvCollectionFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            throw new CsvDefinitionException(file, (int)Math.Max(1, ex.LineNumber), ex.Message);
        }
    }
}
