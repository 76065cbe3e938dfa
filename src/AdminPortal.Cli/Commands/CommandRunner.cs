using System.CommandLine;
using AdminPortal.Cli.Api;
using AdminPortal.Cli.Configuration;
using AdminPortal.Cli.ExportConfigs;
using AdminPortal.Cli.Output;

namespace AdminPortal.Cli.Commands;

/// <summary>Runs one command against the portal and turns every failure into its message and exit code, never a stack trace.</summary>
public sealed class CommandRunner(CliEnvironment environment, GlobalOptions options)
{
    public CliEnvironment Environment => environment;

    public async Task<int> RunAsync(ParseResult parse, Func<ExportConfigService, CancellationToken, Task> body, CancellationToken ct)
    {
        try
        {
            var connection = ConnectionResolver.Resolve(parse.GetValue(options.Url), parse.GetValue(options.Token), environment);
            using var portal = PortalClient.Create(connection, environment.Handler);
            await body(new ExportConfigService(portal, TimeProvider.System), ct);
            return ExitCodes.Ok;
        }
        catch (CliUsageException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ExportConfigException e)
        {
            environment.Error.WriteLine($"Error: {e.File} is not a valid exportConfig:");
            foreach (var problem in e.Problems)
            {
                environment.Error.WriteLine($"  {problem.Describe(e.File)}");
            }

            return ExitCodes.Usage;
        }
        catch (ExportConfigRefusedException e)
        {
            ProblemPrinter.Write(environment.Error, e.Refused, e.Plan);
            return ExitCodes.Refused;
        }
        catch (PortalRefusedException e)
        {
            ProblemPrinter.Write(environment.Error, e);
            return ExitCodes.Refused;
        }
        catch (ExportRunFailedException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (ExportConnectionFailedException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (PortalUnreachableException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            environment.Error.WriteLine("Cancelled.");
            return ExitCodes.Refused;
        }
    }

    public bool Json(ParseResult parse) => parse.GetValue(options.Json);

    /// <summary>An exportConfig id as list prints it.</summary>
    public static Guid ParseId(string? text) =>
        Guid.TryParse(text, out var id)
            ? id
            : throw new CliUsageException($"\"{text}\" is not an exportConfig id: use an id as adminportal audit exportConfig list prints it.");
}
