using System.CommandLine;
using System.Text.Json;
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
            return Failed(parse, ExitCodes.Usage, e.Message);
        }
        catch (ExportConfigException e)
        {
            environment.Error.WriteLine($"Error: {e.File} is not a valid exportConfig:");
            foreach (var problem in e.Problems)
            {
                environment.Error.WriteLine($"  {problem.Describe(e.File)}");
            }

            return Failed(parse, ExitCodes.Usage, $"{e.File} is not a valid exportConfig.",
                errors: e.Problems.GroupBy(p => p.Field ?? "").ToDictionary(g => g.Key, g => g.Select(p => p.Describe(e.File)).ToArray()));
        }
        catch (ExportConfigRefusedException e)
        {
            ProblemPrinter.Write(environment.Error, e.Refused, e.Plan);
            return Failed(parse, ExitCodes.Refused, e.Refused.Message, e.Refused);
        }
        catch (PortalRefusedException e)
        {
            ProblemPrinter.Write(environment.Error, e);
            return Failed(parse, ExitCodes.Refused, e.Message, e);
        }
        catch (ExportRunFailedException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return Failed(parse, ExitCodes.Refused, e.Message);
        }
        catch (ExportConnectionFailedException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return Failed(parse, ExitCodes.Refused, e.Message);
        }
        catch (PortalUnreachableException e)
        {
            environment.Error.WriteLine($"Error: {e.Message}");
            return Failed(parse, ExitCodes.Unreachable, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            environment.Error.WriteLine("Cancelled.");
            return Failed(parse, ExitCodes.Refused, "Cancelled.");
        }
    }

    /// <summary>
    /// With --json a script reads stdout as JSON whatever happened: a failure is an object too
    /// (<c>{ "exitCode", "error", "status", "detail", "errors" }</c>), beside the message on stderr.
    /// </summary>
    private int Failed(ParseResult parse, int exitCode, string error, PortalRefusedException? refused = null,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        if (!Json(parse))
        {
            return exitCode;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("exitCode", exitCode);
            json.WriteString("error", error);
            if (refused is not null)
            {
                json.WriteNumber("status", refused.Status);
                json.WriteString("detail", refused.Problem.Detail);
            }

            if ((errors ?? refused?.Problem.Errors) is { Count: > 0 } fields)
            {
                json.WriteStartObject("errors");
                foreach (var (field, messages) in fields)
                {
                    json.WriteStartArray(field);
                    foreach (var message in messages)
                    {
                        json.WriteStringValue(message);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        environment.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return exitCode;
    }

    public bool Json(ParseResult parse) => parse.GetValue(options.Json);

    /// <summary>An exportConfig id as list prints it.</summary>
    public static Guid ParseId(string? text) =>
        Guid.TryParse(text, out var id)
            ? id
            : throw new CliUsageException($"\"{text}\" is not an exportConfig id: use an id as adminportal audit exportConfig list prints it.");
}
