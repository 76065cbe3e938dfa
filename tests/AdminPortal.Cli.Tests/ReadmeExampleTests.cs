using AdminPortal.Cli.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests;

public sealed class ReadmeExampleTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cli", "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void The_READMEs_example_files_are_the_example_files_the_tests_map()
    {
        var blocks = ReadmeBlocks.In(Readme, "### Examples (these files are in `examples/`; a test maps each one)", "json").Select(b => b.Trim()).ToList();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cli", "examples"), "*.json")
            .Select(f => File.ReadAllText(f).ReplaceLineEndings("\n").Trim()).ToList();

        Assert.Equal(files.Count, blocks.Count);
        Assert.All(files, file => Assert.Contains(file, blocks));
    }

    [Fact]
    public void The_quick_start_has_the_verbs_a_person_needs_from_configure_to_runs()
    {
        var commands = ReadmeBlocks.In(Readme, "## Quick start", "sh").SelectMany(ReadmeBlocks.AdminportalCommands).Select(c => string.Join(' ', c.Take(3))).ToList();

        Assert.Equal(
            ["configure --url https://portal.example.com", "audit exportConfig create:s3:accessKey", "audit exportConfig list",
             "audit exportConfig send-now", "audit exportConfig runs"],
            commands);
    }
}
