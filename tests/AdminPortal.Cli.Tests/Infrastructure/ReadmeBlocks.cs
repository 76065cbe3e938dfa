using System.Text.RegularExpressions;

namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>The fenced code blocks of a README section, to run or compare what the README tells people.</summary>
public static partial class ReadmeBlocks
{
    /// <summary>The fenced blocks (of the given language) between <paramref name="heading"/> and the next heading of its level.</summary>
    public static IReadOnlyList<string> In(string markdown, string heading, string language)
    {
        var start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var level = heading[..(heading.IndexOf(' ') + 1)];
        var end = markdown.IndexOf("\n" + level, start + heading.Length + 1, StringComparison.Ordinal);
        var section = markdown[start..(end < 0 ? markdown.Length : end)];
        return [.. Fence().Matches(section).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value)];
    }

    /// <summary>The <c>adminportal …</c> command lines of a shell block, each split into its arguments.</summary>
    public static IEnumerable<string[]> AdminportalCommands(string block) =>
        block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("adminportal ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]);

    [GeneratedRegex(@"```(\w*)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
