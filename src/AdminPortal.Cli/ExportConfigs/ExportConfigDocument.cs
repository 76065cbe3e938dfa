using System.Text;
using System.Text.Json;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>An exportConfig file read as its top-level fields, each with its line, so that every message can point at it.</summary>
public sealed class ExportConfigDocument
{
    private ExportConfigDocument(string file, IReadOnlyDictionary<string, ExportConfigField> fields)
    {
        File = file;
        Fields = fields;
    }

    /// <summary>The name the messages use for the file (as the user typed it).</summary>
    public string File { get; }

    public IReadOnlyDictionary<string, ExportConfigField> Fields { get; }

    public static ExportConfigDocument Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExportConfigException(path, [new ExportConfigProblem(null, null, e is FileNotFoundException or DirectoryNotFoundException ? "no such file." : e.Message)]);
        }

        return Parse(bytes, path);
    }

    public static ExportConfigDocument Parse(string json, string file) => Parse(Encoding.UTF8.GetBytes(json), file);

    public static ExportConfigDocument Parse(byte[] utf8, string file)
    {
        var fields = new Dictionary<string, ExportConfigField>(StringComparer.Ordinal);
        var problems = new List<ExportConfigProblem>();
        // Utf8JsonReader keeps no line numbers for tokens: count the newlines before each property instead.
        var reader = new Utf8JsonReader(utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? utf8.AsSpan(3) : utf8,
            new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var offset = utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            if (!reader.Read())
            {
                throw new ExportConfigException(file, [new ExportConfigProblem(null, 1, "the file is empty: it holds one JSON object, for example { \"interval\": \"EVERY_12_HOURS\", \"bucket\": \"…\" }.")]);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ExportConfigException(file, [new ExportConfigProblem(null, LineAt(utf8, offset + (int)reader.TokenStartIndex), "the file holds one JSON object { … }, not " + Describe(reader.TokenType) + ".")]);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var line = LineAt(utf8, offset + (int)reader.TokenStartIndex);
                reader.Read();
                using var value = JsonDocument.ParseValue(ref reader);
                if (fields.ContainsKey(name))
                {
                    problems.Add(new ExportConfigProblem(name, line, $"given twice (first on line {fields[name].Line})."));
                    continue;
                }

                fields[name] = new ExportConfigField(name, value.RootElement.Clone(), line);
            }

            if (reader.Read())
            {
                throw new ExportConfigException(file, [new ExportConfigProblem(null, LineAt(utf8, offset + (int)reader.TokenStartIndex), "text after the end of the JSON object.")]);
            }
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].TrimEnd('.', ' ');
            throw new ExportConfigException(file, [new ExportConfigProblem(null, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON ({message}).")]);
        }

        if (problems.Count > 0)
        {
            throw new ExportConfigException(file, problems);
        }

        return new ExportConfigDocument(file, fields);
    }

    private static int LineAt(byte[] utf8, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
