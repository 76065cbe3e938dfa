using System.Text.RegularExpressions;

namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>One <c>curl …</c> command of a README block (its continuation lines included), as written.</summary>
public sealed partial record CurlCommand(string Text)
{
    public string Method => MethodOption().Match(Text) is { Success: true } m ? m.Groups[1].Value : "GET";

    /// <summary>The API path as the README writes it, placeholders and all: <c>/api/schedules/&lt;scheduleId&gt;/send-now</c>.</summary>
    public string Path => ApiPath().Match(Text) is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>What the command does, e.g. <c>POST /api/schedules/&lt;scheduleId&gt;/send-now</c>.</summary>
    public string Step => $"{Method} {Path}";

    /// <summary>The <c>curl</c> commands of a shell block; lines before the first command or comment (the exports) are the prelude.</summary>
    public static (string Prelude, IReadOnlyList<CurlCommand> Commands) Parse(string block)
    {
        var prelude = new List<string>();
        var commands = new List<CurlCommand>();
        string? current = null;
        var started = false;
        foreach (var line in block.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("curl ", StringComparison.Ordinal))
            {
                Flush();
                current = line;
                started = true;
            }
            else if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                Flush();
                started |= trimmed.Length > 0;
            }
            else if (current is not null)
            {
                // A continuation line, e.g. the rest of a multi-line -d '…' body.
                current += "\n" + line;
            }
            else if (!started)
            {
                prelude.Add(line);
            }
            else
            {
                throw new InvalidOperationException($"A line of the block that is neither curl, a comment nor part of a command: {line}");
            }
        }

        Flush();
        return (string.Join('\n', prelude), commands);

        void Flush()
        {
            if (current is not null)
            {
                commands.Add(new CurlCommand(current));
                current = null;
            }
        }
    }

    [GeneratedRegex(@"\s-X\s+([A-Z]+)")]
    private static partial Regex MethodOption();

    [GeneratedRegex(@"""\$URL(/api/[^""?]*)")]
    private static partial Regex ApiPath();
}
