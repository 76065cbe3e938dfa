using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

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
