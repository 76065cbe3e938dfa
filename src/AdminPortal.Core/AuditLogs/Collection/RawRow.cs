using System.Globalization;
using System.Text;

namespace AdminPortal.Core.AuditLogs.Collection;

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
