using System.Net;
using System.Net.Sockets;
using System.Text;
using AdminPortal.Cli.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests;

public sealed class ExitCodeTests : IDisposable
{
    private readonly CliRun cli = new();

    private string File(string json)
    {
        var path = Path.Combine(cli.Home, "exportConfig.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error_with_exit_code_2()
    {
        var exit = await cli.RunAsync("audit", "exportConfig", "create:s3:secretKey", "x.json");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("create:s3:secretKey", cli.Error);
    }

    [Fact]
    public async Task No_url_anywhere_is_exit_code_2_naming_the_flag_the_variable_and_configure()
    {
        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--token", "apt_x");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--url", cli.Error);
        Assert.Contains("ADMINPORTAL_URL", cli.Error);
        Assert.Contains("adminportal configure", cli.Error);
    }

    [Fact]
    public async Task A_bad_file_is_exit_code_2_and_nothing_is_sent()
    {
        cli.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        var file = File("""
            {
              "interval": "EVERY_5_HOURS",
              "bucket": "acme"
            }
            """);

        var exit = await cli.RunAsync("audit", "exportConfig", "create:gcs", file, "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(cli.Requests);
        Assert.Contains($"{file} line 2, interval: \"EVERY_5_HOURS\" is not an interval", cli.Error);
    }

    [Fact]
    public async Task An_id_that_is_not_one_is_exit_code_2_and_nothing_is_sent()
    {
        cli.Answer = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError);

        var exit = await cli.RunAsync("audit", "exportConfig", "get", "42", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(cli.Requests);
    }

    [Fact]
    public async Task A_portal_nobody_listens_for_is_exit_code_3()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--url", $"http://127.0.0.1:{port}", "--token", "apt_x");

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.StartsWith($"Error: Cannot reach the portal at http://127.0.0.1:{port}/", cli.Error);
    }

    [Fact]
    public async Task A_refusal_prints_the_problem_title_detail_and_each_field_message_against_the_file_and_exits_1()
    {
        cli.Answer = _ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""
                { "title": "One or more fields are invalid.", "status": 400,
                  "errors": { "destination.bucket": ["Bucket names use lowercase letters, digits, dots and hyphens."], "": ["Check the form."] } }
                """, Encoding.UTF8, "application/problem+json"),
        };
        var file = File("""
            {
              "interval": "EVERY_2_HOURS",
              "bucket": "Acme_Logs"
            }
            """);

        var exit = await cli.RunAsync("audit", "exportConfig", "create:gcs", file, "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(
            $"Error: One or more fields are invalid. (400)\n  {file} line 3, bucket: Bucket names use lowercase letters, digits, dots and hyphens.\n  Check the form.\n",
            cli.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("   at ", cli.Error);
    }

    [Fact]
    public async Task An_answer_that_is_not_problem_details_is_never_echoed()
    {
        cli.Answer = _ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>secret proxy page</html>", Encoding.UTF8, "text/html") };

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--url", "http://portal.test", "--token", "apt_x");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain("secret proxy page", cli.Error);
        Assert.Contains("is http://portal.test/ the portal's address?", cli.Error);
    }

    [Fact]
    public async Task The_token_goes_as_a_bearer_header_to_the_api_under_the_url()
    {
        cli.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };

        var exit = await cli.RunAsync("audit", "exportConfig", "list", "--url", "http://portal.test/base", "--token", "apt_x");

        Assert.Equal(ExitCodes.Ok, exit);
        var request = Assert.Single(cli.Requests);
        Assert.Equal("http://portal.test/base/api/workbooks", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer apt_x", request.Headers.Authorization!.ToString());
    }

    public void Dispose() => cli.Dispose();
}
