using System.CommandLine;
using AdminPortal.Cli.Configuration;

namespace AdminPortal.Cli.Commands;

/// <summary><c>adminportal configure --url --token</c>: saves both in the config file, readable by the user only.</summary>
public static class ConfigureCommand
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var command = new Command("configure", "Save the portal's URL and an API token in ~/.config/adminportal/config.json (mode 0600).");
        command.SetAction(parse =>
        {
            try
            {
                var url = parse.GetValue(options.Url);
                var token = parse.GetValue(options.Token);
                if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(token))
                {
                    throw new CliUsageException("configure needs both --url and --token, for example: adminportal configure --url https://portal.example.com --token apt_…");
                }

                var path = ConfigFile.PathFor(environment);
                ConfigFile.Write(path, new CliSettings(ConnectionResolver.ParseUrl(url).AbsoluteUri, token.Trim()));
                environment.Out.WriteLine($"Saved the portal's URL and token in {path} (readable by you only).");
                return ExitCodes.Ok;
            }
            catch (CliUsageException e)
            {
                environment.Error.WriteLine($"Error: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                environment.Error.WriteLine($"Error: could not write the config file: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
