using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdminPortal.Cli.Tests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests.EndToEnd;

/// <summary>The README's commands, run as written against a real portal and s3rver (only the URL, token, file and id filled in).</summary>
[Collection(CliPortalCollection.Name)]
public sealed partial class ReadmeQuickStartTests(CliPortal portal) : IDisposable
{
    // No ADMINPORTAL_* variables: the README's configure line must be what makes the other lines work.
    private readonly CliProcess cli = new(new Dictionary<string, string>());

    // Both READMEs must have their section: a missing one fails (no adminportal lines), it is never skipped.
    public static TheoryData<string, string> Sources() => new() { { "Cli/README.md", "## Quick start" }, { "TopReadme/README.md", "## Automate" } };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task The_READMEs_quick_start_runs_against_a_real_portal(string readme, string heading)
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, readme)).ReplaceLineEndings("\n");
        var commands = ReadmeBlocks.In(markdown, heading, "sh").SelectMany(ReadmeBlocks.AdminportalCommands).ToList();
        Assert.NotEmpty(commands);

        await WriteExampleFileAsync();
        string? id = null;
        foreach (var command in commands)
        {
            var args = command.Select(a => a switch
            {
                "https://portal.example.com" => portal.Portal.BaseUrl.AbsoluteUri,
                _ when a.StartsWith("apt_", StringComparison.Ordinal) => portal.Token,
                "<id>" => id ?? throw new InvalidOperationException("The README uses <id> before a create printed one."),
                _ => a,
            }).ToArray();

            var result = await cli.RunAsync(args);

            Assert.True(result.ExitCode == 0, $"adminportal {string.Join(' ', command)}\n{result}");
            if (CreatedId().Match(result.Out) is { Success: true } created)
            {
                id = created.Groups[1].Value;
            }

            if (args.Contains("send-now"))
            {
                Assert.Contains("Succeeded", result.Out);
            }
        }

        if (id is not null)
        {
            // The README leaves it in place; the next test run must not find an old one in its list.
            Assert.Equal(0, (await cli.RunAsync("audit", "exportConfig", "delete", id)).ExitCode);
        }
    }

    /// <summary>The README's S3-compatible example as ./exportConfig.json, pointed at s3rver (its endpoint, bucket and access key id).</summary>
    private async Task WriteExampleFileAsync()
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Cli", "examples", "s3-compatible.json")))!.AsObject();
        example["endpoint"] = portal.Storage.S3Url.AbsoluteUri;
        example["bucket"] = StoragePeers.S3Bucket;
        example["accessKeyId"] = StoragePeers.S3AccessKeyId;
        example["path"] = $"readme-{Guid.NewGuid():N}";
        // A name per run: the portal refuses a second integration of the same name.
        example["name"] = $"readme_{Guid.NewGuid():N}"[..30];
        await File.WriteAllTextAsync(Path.Combine(cli.Home, "exportConfig.json"), example.ToJsonString());
    }

    [GeneratedRegex(@"Created exportConfig ([0-9a-f-]{36})\.")]
    private static partial Regex CreatedId();

    public void Dispose() => cli.Dispose();
}
