using System.CommandLine;
using AdminPortal.Cli.Commands;

namespace AdminPortal.Cli;

/// <summary>The <c>adminportal</c> command line: parses, then runs the command; a bad command line is exit code 2.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken ct = default)
    {
        var root = Build(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.WriteLine($"Error: {error.Message}");
            }

            environment.Error.WriteLine("Run adminportal --help (or adminportal <command> --help) for the commands and their arguments.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, ct);
    }

    public static RootCommand Build(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("AdminPortal's command line: audit log exports over the portal's HTTP API.");
        root.Options.Add(options.Url);
        root.Options.Add(options.Token);
        root.Options.Add(options.Json);
        root.Subcommands.Add(ConfigureCommand.Build(options, environment));
        var audit = new Command("audit", "Audit logs.");
        audit.Subcommands.Add(new ExportConfigCommands(new CommandRunner(environment, options)).Build());
        root.Subcommands.Add(audit);
        return root;
    }
}
