using AdminPortal.Core.AuditLogs.Ingestion;
using CsvHelper;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// The attribute mapping file: semicolon separated, a header of audit attributes whose first column is eventid,
/// then one row of templates per event id.
/// </summary>
internal sealed class AttributeMapping
{
    private const CsvCollectionFile File = CsvCollectionFile.AttributeMapping;

    // What a mapping must give every event besides its date (count may be left out: it is then 1).
    private static readonly string[] RequiredTextFields = ["datasource", "family", "login", "repository", "code", "codeLabel", "action"];

    private AttributeMapping(IReadOnlyList<MappedAttribute> attributes, Dictionary<string, MappingTemplate[]> rows)
    {
        Attributes = attributes;
        Rows = rows;
        DisplayNames = attributes
            .Where(a => a.Kind is AttributeKind.Text or AttributeKind.Date or AttributeKind.Count or AttributeKind.EventUid)
            .ToDictionary(a => a.Kind switch
            {
                AttributeKind.Date => "eventTime",
                AttributeKind.EventUid => "eventId",
                _ => a.Field,
            }, a => a.Header);
    }

    public IReadOnlyList<MappedAttribute> Attributes { get; }

    /// <summary>The templates of each event id, one per attribute.</summary>
    public Dictionary<string, MappingTemplate[]> Rows { get; }

    /// <summary>Schema field name → the mapping's header, so that messages name what the mapping author wrote.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; }

    public bool HasCount => Attributes.Any(a => a.Kind == AttributeKind.Count);

    public static async Task<AttributeMapping> ReadAsync(Stream stream, RawLogColumns columns, CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.Create(stream, DefinitionFiles.Options(hasHeader: false), leaveOpen: true);
        if (!await DefinitionFiles.ReadAsync(reader, File, cancellationToken))
        {
            throw new CsvDefinitionException(File, 1, "the file is empty: it needs a header row of attributes, then one row per event id");
        }
        var attributes = ReadHeader(reader.Current.ToArray(), (int)reader.LineNumber);

        var rows = new Dictionary<string, MappingTemplate[]>(StringComparer.OrdinalIgnoreCase);
        while (await DefinitionFiles.ReadAsync(reader, File, cancellationToken))
        {
            var line = (int)reader.LineNumber;
            var cells = reader.Current.ToArray();
            if (cells.Length != attributes.Count)
            {
                throw new CsvDefinitionException(File, line, $"{cells.Length} cells, but the header names {attributes.Count} attributes");
            }
            var eventId = cells[0].Trim();
            if (eventId.Length == 0)
            {
                throw new CsvDefinitionException(File, line, $"the {attributes[0].Header} cell is empty");
            }
            var templates = new MappingTemplate[cells.Length];
            for (var i = 1; i < cells.Length; i++)
            {
                try
                {
                    templates[i] = MappingTemplate.Parse(cells[i], columns);
                }
                catch (FormatException ex)
                {
                    throw new CsvDefinitionException(File, line, $"{attributes[i].Header}: {ex.Message}");
                }
            }
            if (!rows.TryAdd(eventId, templates))
            {
                throw new CsvDefinitionException(File, line, $"event id {eventId} is mapped twice");
            }
        }
        return new AttributeMapping(attributes, rows);
    }

    private static List<MappedAttribute> ReadHeader(string[] cells, int line)
    {
        var attributes = new List<MappedAttribute>();
        for (var i = 0; i < cells.Length; i++)
        {
            var header = cells[i].Trim();
            var attribute = Attribute(header)
                ?? throw new CsvDefinitionException(File, line,
                    $"'{header}' is not an attribute of the audit schema (eventid, eventuid, date, status, count, targetType, data, datasource, family, login, repository, code, codelabel, action, payload, custom1…custom19, …)");
            if (i == 0 != (attribute.Kind == AttributeKind.Key))
            {
                throw new CsvDefinitionException(File, line, "eventid must be the first column, and only the first");
            }
            if (attributes.Any(a => a.Kind == attribute.Kind && (a.Kind != AttributeKind.Text || a.Field == attribute.Field)))
            {
                throw new CsvDefinitionException(File, line, $"'{header}' is mapped twice");
            }
            attributes.Add(attribute);
        }

        var missing = RequiredTextFields.Where(f => attributes.All(a => a.Field != f)).Select(f => f.ToLowerInvariant()).ToList();
        if (attributes.All(a => a.Kind != AttributeKind.Date))
        {
            missing.Insert(0, "date");
        }
        if (missing.Count > 0)
        {
            throw new CsvDefinitionException(File, line, $"the header lacks the mandatory attribute(s) {string.Join(", ", missing)}");
        }
        return attributes;
    }

    private static MappedAttribute? Attribute(string header)
    {
        // "Target Type", "target_type" and "targetType" are one attribute.
        var key = header.Replace(" ", "").Replace("_", "").Replace("-", "").ToLowerInvariant();
        AttributeKind? kind = key switch
        {
            "eventid" => AttributeKind.Key,
            "eventuid" => AttributeKind.EventUid,
            "date" or "eventtime" => AttributeKind.Date,
            "status" => AttributeKind.Status,
            "count" => AttributeKind.Count,
            "targettype" => AttributeKind.TargetType,
            "data" or "datajson" => AttributeKind.Data,
            _ => null,
        };
        if (kind is { } special)
        {
            return new MappedAttribute(header, special, key);
        }
        return AuditEventFields.CanonicalTextFieldName(key) is { } field
            ? new MappedAttribute(header, AttributeKind.Text, field)
            : null;
    }
}
