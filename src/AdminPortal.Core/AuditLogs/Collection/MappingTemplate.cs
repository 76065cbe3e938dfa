using System.Globalization;
using System.Text;

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

/// <summary>The raw log's header: column names and their positions, matched without case.</summary>
internal sealed class RawLogColumns(IReadOnlyList<string> names)
{
    private readonly Dictionary<string, int> _index = names
        .Select((name, i) => (name: name.Trim(), i))
        .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Names { get; } = names;

    public int? IndexOf(string name) => _index.TryGetValue(name.Trim(), out var i) ? i : null;
}

/// <summary>One raw log row with what its templates read: values, parameters and the event's properties.</summary>
internal sealed class RawRow
{
    private readonly RawLogColumns _columns;
    private readonly Dictionary<string, string> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _positional = [];
    private string? _message;
    private string? _formatted;

    /// <param name="scratch">A builder the row's templates may use in turn; one per collection saves one per cell.</param>
    public RawRow(RawLogColumns columns, string[] values, int? propertiesColumn, EventProperties? properties, StringBuilder scratch)
    {
        _columns = columns;
        Scratch = scratch;
        Values = values;
        Properties = properties;
        if (propertiesColumn is { } column)
        {
            ReadParameters(values[column]);
        }
    }

    public string[] Values { get; }

    public StringBuilder Scratch { get; }

    public EventProperties? Properties { get; }

    /// <summary>
    /// The properties column: pipe separated <c>Name=Value</c> pairs. The n-th piece is also parameter n, and a piece
    /// without a name takes the name the event properties file gives parameter n.
    /// </summary>
    private void ReadParameters(string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        var pieces = text.Split('|');
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            var equals = piece.IndexOf('=');
            var value = equals < 0 ? piece : piece[(equals + 1)..];
            _positional.Add(value);
            _parameters[Position(i + 1)] = value;
            if (equals > 0)
            {
                _parameters[piece[..equals].Trim()] = value;
            }
            else if (Properties is not null && i < Properties.ParameterNames.Count && Properties.ParameterNames[i].Length > 0)
            {
                _parameters.TryAdd(Properties.ParameterNames[i], value);
            }
        }
    }

    private static readonly string[] Positions = [.. Enumerable.Range(0, 33).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static string Position(int n) => n < Positions.Length ? Positions[n] : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A parameter's value; empty when the row does not have it.</summary>
    public string Parameter(string name) => _parameters.GetValueOrDefault(name, "");

    /// <summary>The event's message with its %1, %2, … replaced by the row's positional parameters (Windows message style).</summary>
    public string Message => _message ??= FormatMessage(Properties?.Message ?? "");

    private string FormatMessage(string message)
    {
        if (!message.Contains('%') || _positional.Count == 0)
        {
            return message;
        }
        // Highest numbers first, so that %1 does not eat the start of %10.
        for (var n = _positional.Count; n >= 1; n--)
        {
            message = message.Replace("%" + Position(n), _positional[n - 1], StringComparison.Ordinal);
        }
        return message;
    }

    /// <summary>The whole row as <c>column=value</c> pairs separated by "; ".</summary>
    public string FormattedRawData => _formatted ??= string.Join("; ", _columns.Names.Select((name, i) => $"{name}={Values[i]}"));
}
