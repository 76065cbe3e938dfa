namespace AdminPortal.CloudStorage.Connection;

/// <summary>
/// Bounds what an endpoint answered before it becomes a status, an audit event, a notification or an e-mail: one
/// line, a few hundred characters, and never a page of markup (the HTML of whatever internal service answered).
/// </summary>
public static class ErrorText
{
    /// <summary>The most of a cloud's message a status keeps; the clouds' own messages are far shorter.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>The most of an error body read to find the cloud's code and message in it.</summary>
    public const int MaxBodyChars = 16 * 1024;

    public const string NotACloudError = "The endpoint answered with something that is not a cloud storage error (a web page?).";

    private static readonly string[] Markup = ["<!doctype", "<html", "<head", "<body", "<?xml", "<script", "<title"];

    /// <summary>The first line of <paramref name="text"/>, without markup, cut to <paramref name="max"/> characters; null when nothing is left.</summary>
    public static string? Clip(string? text, int max = MaxMessageLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.Trim().Split('\n', 2)[0].Trim();
        var markup = Markup.Select(tag => line.IndexOf(tag, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (line.StartsWith('<'))
        {
            markup = 0;
        }

        if (markup >= 0)
        {
            line = line[..markup].Trim().TrimEnd(':').Trim();
        }

        line = new string(line.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        if (line.Length == 0)
        {
            return null;
        }

        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>Reads at most <see cref="MaxBodyChars"/> of an error body: a 50 MB answer is not held in memory to find a code in it.</summary>
    public static async Task<string> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxBodyChars];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new string(buffer, 0, read);
    }
}
