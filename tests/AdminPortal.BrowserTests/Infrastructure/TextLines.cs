using Microsoft.Playwright;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>Where the browser wrapped an element's text: what a person reads, whatever the markup inside.</summary>
public static class TextLines
{
    /// <summary>For each line after the first, the text before it ("s3://exports-okta-vanishin" for a word cut at "g").</summary>
    private const string BreaksScript = """
        element => {
            const breaks = [];
            const range = document.createRange();
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let before = '';
            let lastTop = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.data.length; i++) {
                    const c = node.data[i];
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = range.getClientRects()[0];
                    if (/\s/.test(c) || !box) { before += c; continue; }
                    if (lastTop !== null && box.top > lastTop + box.height / 2) breaks.push(before.trim());
                    lastTop = box.top;
                    before += c;
                }
            }
            return breaks;
        }
        """;

    public static async Task<IReadOnlyList<string>> BreaksAsync(ILocator element) => await element.EvaluateAsync<string[]>(BreaksScript);

    /// <summary>The column headers of a table whose text wraps, each with where it wrapped.</summary>
    public static async Task<IReadOnlyList<string>> WrappedHeadersAsync(ILocator table)
    {
        var wrapped = new List<string>();
        foreach (var header in await table.GetByRole(AriaRole.Columnheader).AllAsync())
        {
            if (await BreaksAsync(header) is { Count: > 0 } breaks)
            {
                wrapped.Add($"\"{(await header.InnerTextAsync()).Trim()}\" after \"{string.Join("\", \"", breaks)}\"");
            }
        }

        return wrapped;
    }
}
