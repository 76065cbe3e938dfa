using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Shares the strings of values that repeat across a batch's events (datasource, family, code, login, …): a batch of
/// a million events then holds each distinct short value once instead of a million times, which is most of what the
/// garbage collector would otherwise copy.
/// </summary>
internal sealed class JsonStringPool
{
    public const int MaxPooledLength = 64;
    private const int MaxEntries = 4096;

    // Keyed by the UTF-8 text as received: a repeated value is found without being transcoded first.
    private readonly Dictionary<byte[], string> _strings = new(Utf8BytesComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public JsonStringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>As <see cref="JsonValues.Text(JsonElement)"/>, sharing short strings without escapes.</summary>
    public string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return JsonValues.Text(value);
        }
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var content = raw[1..^1]; // without the quotes
        if (content.Length > MaxPooledLength || content.Contains((byte)'\\'))
        {
            return value.GetString();
        }
        return Text(content);
    }

    /// <summary>The string of a JSON text's content without escapes (UTF-8, without its quotes), shared when short.</summary>
    public string Text(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxPooledLength)
        {
            return Encoding.UTF8.GetString(content);
        }
        if (_lookup.TryGetValue(content, out var shared))
        {
            return shared;
        }
        var text = Encoding.UTF8.GetString(content);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(content.ToArray(), text);
        }
        return text;
    }
}
