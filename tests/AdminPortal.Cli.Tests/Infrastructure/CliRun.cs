namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>The CLI run in this process with its own environment, home folder and captured output.</summary>
public sealed class CliRun : IDisposable
{
    private readonly Dictionary<string, string> variables = [];
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public string Home { get; } = Directory.CreateTempSubdirectory("adminportal-cli-home-").FullName;

    /// <summary>Every request the CLI sent (none reaches a network: the handler answers or refuses).</summary>
    public List<HttpRequestMessage> Requests { get; } = [];

    public Func<HttpRequestMessage, HttpResponseMessage>? Answer { get; set; }

    public string Out => output.ToString();

    public string Error => error.ToString();

    public CliRun Variable(string name, string value)
    {
        variables[name] = value;
        return this;
    }

    public Task<int> RunAsync(params string[] args)
    {
        var environment = new CliEnvironment(name => variables.GetValueOrDefault(name), Home, output, error,
            Answer is null ? null : new AnsweringHandler(request =>
            {
                Requests.Add(request);
                return Answer(request);
            }));
        return CliApp.RunAsync(args, environment);
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
