using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AdminPortal.Cli.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests;

/// <summary>With --json a script reads stdout as JSON whether the command worked or not; no answer ever shows a stack trace.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly CliRun cli = new();

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private JsonElement Output()
    {
        try
        {
            return JsonDocument.Parse(cli.Out).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not JSON ({e.Message}): <{cli.Out}> stderr: <{cli.Error}>");
        }
    }

    [Fact]
    public async Task A_refusal_with_json_prints_the_problem_as_json_on_stdout_and_exits_1()
    {
        cli.Answer = _ => Answer(HttpStatusCode.Forbidden,
            """{ "title": "Forbidden.", "status": 403, "detail": "This token lacks the scope audit:read." }""", "application/problem+json");

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--json", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Refused, exit);
        var error = Output();
        Assert.Equal(1, error.GetProperty("exitCode").GetInt32());
        Assert.Equal(403, error.GetProperty("status").GetInt32());
        Assert.Equal("This token lacks the scope audit:read.", error.GetProperty("detail").GetString());
        Assert.Contains("This token lacks the scope audit:read.", cli.Error);
    }

    [Fact]
    public async Task A_field_refusal_with_json_lists_each_fields_messages()
    {
        cli.Answer = _ => Answer(HttpStatusCode.BadRequest,
            """{ "title": "One or more fields are invalid.", "status": 400, "errors": { "destination.bucket": ["Bad bucket."] } }""", "application/problem+json");

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--json", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(["Bad bucket."], Output().GetProperty("errors").GetProperty("destination.bucket").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task A_usage_error_and_an_unreachable_portal_with_json_are_json_with_their_exit_codes()
    {
        var usage = await cli.RunAsync("audit", "exportConfig", "get", "42", "--json", "--url", "http://portal.test", "--token", "apt_x");
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Equal(ExitCodes.Usage, Output().GetProperty("exitCode").GetInt32());

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var unreachable = new CliRun();
        var exit = await unreachable.RunAsync("audit", "exportConfig", "list", "--json", "--url", $"http://127.0.0.1:{port}", "--token", "apt_x");
        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Equal(ExitCodes.Unreachable, JsonDocument.Parse(unreachable.Out).RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task A_success_with_json_is_json()
    {
        cli.Answer = _ => Answer(HttpStatusCode.OK, "[]", "application/json");

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--json", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(JsonValueKind.Array, Output().ValueKind);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html><body>Sign in to the proxy</body></html>", "text/html")]
    [InlineData(HttpStatusCode.InternalServerError, "", "text/plain")]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html")]
    [InlineData(HttpStatusCode.OK, "{\"unexpected\": true}", "application/json")]
    public async Task An_answer_that_is_not_the_portals_is_exit_1_with_a_message_and_no_stack_trace(HttpStatusCode status, string body, string mediaType)
    {
        cli.Answer = _ => Answer(status, body, mediaType);

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.StartsWith("Error: ", cli.Error);
        Assert.DoesNotContain("   at ", cli.Error);
        Assert.DoesNotContain("Exception", cli.Error);
        Assert.DoesNotContain("proxy", cli.Error);
    }

    [Theory]
    [InlineData("portal.example.com")]
    [InlineData("ftp://portal.example.com")]
    [InlineData("http://exa mple.com")]
    [InlineData("http://[::1")]
    public async Task A_malformed_url_is_exit_2_naming_it_and_nothing_is_sent(string url)
    {
        cli.Answer = _ => Answer(HttpStatusCode.OK, "[]", "application/json");

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--url", url, "--token", "apt_x");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(cli.Requests);
        Assert.Contains("is not a portal URL", cli.Error);
    }

    public void Dispose() => cli.Dispose();
}
