using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>One row of the event properties file: the event's message, category, subcategory and parameter names.</summary>
/// <param name="ParameterNames">The names of positional parameters 1, 2, …: index 0 names parameter 1.</param>
internal sealed record EventProperties(string EventId, string Message, string Category, string Subcategory, IReadOnlyList<string> ParameterNames);

/// <summary>
/// The event properties file: semicolon separated rows <c>eventid;message;category;subcategory;1;2;…</c>, an optional
/// header row (its first cell is "eventid"), '#' comments.
/// </summary>
internal static class EventPropertiesFile
{
    private const CsvCollectionFile File = CsvCollectionFile.EventProperties;

    public static async Task<Dictionary<string, EventProperties>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, EventProperties>(StringComparer.OrdinalIgnoreCase);
        await using var reader = CsvReader.Create(stream, DefinitionFiles.Options(hasHeader: false), leaveOpen: true);
        while (await DefinitionFiles.ReadAsync(reader, File, cancellationToken))
        {
            var line = (int)reader.LineNumber;
            var cells = reader.Current.ToArray();
            var eventId = cells[0].Trim();
            if (properties.Count == 0 && eventId.Equals("eventid", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the header row
            }
            if (cells.Length < 4)
            {
                throw new CsvDefinitionException(File, line,
                    $"{cells.Length} cell(s); a row needs at least eventid;message;category;subcategory");
            }
            if (eventId.Length == 0)
            {
                throw new CsvDefinitionException(File, line, "the eventid cell is empty");
            }
            var parameterNames = cells[4..].Select(c => c.Trim()).ToArray();
            if (!properties.TryAdd(eventId, new EventProperties(eventId, cells[1], cells[2], cells[3], parameterNames)))
            {
                throw new CsvDefinitionException(File, line, $"event id {eventId} is described twice");
            }
        }
        return properties;
    }
}

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
