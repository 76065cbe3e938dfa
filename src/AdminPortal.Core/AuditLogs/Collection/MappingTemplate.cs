namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// One cell of the attribute mapping: static text and placeholders, e.g. <c>{param.Domain}\{param.User}</c>.
/// Placeholders: <c>{message}</c>, <c>{category}</c>, <c>{subcategory}</c> (event properties file),
/// <c>{formattedRawData}</c> (the whole raw row as column=value pairs), <c>{param.Name}</c> or <c>{param.3}</c>
/// (the raw row's properties column), and <c>{column}</c> for any raw log column, <c>{timestamp}</c> included.
/// The event properties words win over a raw column of the same name.
/// </summary>
internal sealed class MappingTemplate
{
    private enum Kind
    {
        Literal,
        Column,
        Param,
        Message,
        Category,
        Subcategory,
        FormattedRawData,
    }

    private readonly record struct Segment(Kind Kind, string Text, int Column);

    private readonly Segment[] _segments;

    private MappingTemplate(Segment[] segments) => _segments = segments;

    public bool IsEmpty => _segments.Length == 0;

    /// <summary>Parses a cell against the raw log's columns; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static MappingTemplate Parse(string text, RawLogColumns columns)
    {
        var segments = new List<Segment>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            if (open < 0)
            {
                segments.Add(new(Kind.Literal, text[position..], -1));
                break;
            }
            if (open > position)
            {
                segments.Add(new(Kind.Literal, text[position..open], -1));
            }
            var close = text.IndexOf('}', open + 1);
            var nextOpen = text.IndexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                throw new FormatException($"'{text}' opens a placeholder at character {open + 1} that is not closed with }}");
            }
            segments.Add(Placeholder(text[(open + 1)..close].Trim(), columns));
            position = close + 1;
        }
        if (segments.Any(s => s.Kind == Kind.Literal && s.Text.Contains('}')))
        {
            throw new FormatException($"'{text}' has a }} that closes no placeholder");
        }
        return new MappingTemplate([.. segments]);
    }

    private static Segment Placeholder(string name, RawLogColumns columns)
    {
        if (name.StartsWith("param.", StringComparison.OrdinalIgnoreCase))
        {
            var parameter = name["param.".Length..].Trim();
            return parameter.Length == 0
                ? throw new FormatException("{param.} names no parameter: write {param.Name} or {param.1}")
                : new Segment(Kind.Param, parameter, -1);
        }
        var kind = name.ToLowerInvariant() switch
        {
            "message" => Kind.Message,
            "category" => Kind.Category,
            "subcategory" => Kind.Subcategory,
            "formattedrawdata" => Kind.FormattedRawData,
            _ => Kind.Column,
        };
        if (kind != Kind.Column)
        {
            return new Segment(kind, name, -1);
        }
        return columns.IndexOf(name) is { } column
            ? new Segment(Kind.Column, name, column)
            : throw new FormatException(
                $"{{{name}}} is not a column of the raw log ({string.Join(", ", columns.Names)}), nor param.<Name>, message, category, subcategory or formattedRawData");
    }

    /// <summary>
    /// The cell's value for a row. A cell whose placeholders all come out empty is empty, whatever static text joins
    /// them: <c>{param.Domain}\{param.User}</c> without either parameter is no login, not "\".
    /// </summary>
    public string Render(RawRow row)
    {
        if (_segments.Length == 1)
        {
            return Render(_segments[0], row);
        }
        var text = row.Scratch.Clear();
        var hasPlaceholder = false;
        var placeholderText = false;
        foreach (var segment in _segments)
        {
            var value = Render(segment, row);
            if (segment.Kind != Kind.Literal)
            {
                hasPlaceholder = true;
                placeholderText |= value.Length > 0;
            }
            text.Append(value);
        }
        return hasPlaceholder && !placeholderText ? "" : text.ToString();
    }

    private static string Render(Segment segment, RawRow row) => segment.Kind switch
    {
        Kind.Literal => segment.Text,
        Kind.Column => row.Values[segment.Column],
        Kind.Param => row.Parameter(segment.Text),
        Kind.Message => row.Message,
        Kind.Category => row.Properties?.Category ?? "",
        Kind.Subcategory => row.Properties?.Subcategory ?? "",
        _ => row.FormattedRawData,
    };
}
