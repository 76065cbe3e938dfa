using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdminPortal.Cli.Tests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests.EndToEnd;

/// <summary>
/// The top README's curl block, run as written by bash and curl against a real portal and s3rver. Only what a reader
/// fills in is filled in: the URL, the token, the ids the previous answers gave, and step 1's destination (s3rver's
/// bucket, endpoint and access key id instead of AWS's).
/// </summary>
[Collection(CliPortalCollection.Name)]
public sealed partial class ReadmeCurlTests(CliPortal portal) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("adminportal-readme-curl-").FullName;
    private readonly Dictionary<string, string> answers = [];
    private readonly string prefix = $"readme-curl-{Guid.NewGuid():N}/";

    [Fact]
    public async Task The_READMEs_curl_examples_run_against_a_real_portal()
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TopReadme", "README.md")).ReplaceLineEndings("\n");
        var block = Assert.Single(ReadmeBlocks.In(markdown, "## Automate", "bash"), b => b.Contains("curl ", StringComparison.Ordinal));
        var (prelude, commands) = CurlCommand.Parse(block);
        Assert.Contains("export URL=https://portal.example.com TOKEN=apt_YOUR_TOKEN", prelude);
        Assert.Equal(
            ["POST /api/integrations", "POST /api/workbooks", "POST /api/schedules", "POST /api/schedules/<scheduleId>/send-now",
             "GET /api/runs/<runId>", "GET /api/runs/<runId>/manifest", "POST /api/schedules/<scheduleId>/pause",
             "POST /api/schedules/<scheduleId>/resume", "GET /api/schedules/<scheduleId>/runs", "DELETE /api/integrations/<integrationId>"],
            commands.Select(c => c.Step));

        try
        {
            foreach (var command in commands)
            {
                await RunStepAsync(prelude, command);
            }
        }
        finally
        {
            // A failed step must not leave its integration (and schedule) to the other tests of the shared portal.
            if (answers.TryGetValue("integrationId", out var id) && !answers.ContainsKey("deleted"))
            {
                await Api().DeleteAsync($"api/integrations/{id}?deleteLinkedExports=true");
            }
        }
    }

    private async Task RunStepAsync(string prelude, CurlCommand command)
    {
        switch (command.Step)
        {
            case "POST /api/integrations":
            {
                var answer = await CurlAsync(prelude, command, ToS3rver);
                Assert.True(answer.Status == 201, answer.ToString());
                Assert.Equal("connected", answer.Json.GetProperty("connectionStatus").GetString());
                answers["integrationId"] = answer.Json.GetProperty("id").GetString()!;
                break;
            }

            case "POST /api/workbooks":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 201, answer.ToString());
                answers["workbookId"] = answer.Json.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                answers["elementId"] = answer.Json.GetProperty("elementId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            }

            case "POST /api/schedules":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 201, answer.ToString());
                answers["scheduleId"] = answer.Json.GetProperty("id").GetString()!;
                break;
            }

            case "POST /api/schedules/<scheduleId>/send-now":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 202, answer.ToString());
                var runId = answer.Json.GetProperty("runId").GetString()!;
                Assert.EndsWith($"/api/runs/{runId}", answer.Header("Location"));
                answers["runId"] = runId;
                break;
            }

            case "GET /api/runs/<runId>":
                await PollUntilFinishedAsync(prelude, command);
                break;

            case "GET /api/runs/<runId>/manifest":
                await AssertManifestNamesTheStoredObjectsAsync(await CurlAsync(prelude, command));
                break;

            case "POST /api/schedules/<scheduleId>/pause" or "POST /api/schedules/<scheduleId>/resume":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 204, answer.ToString());
                break;
            }

            case "GET /api/schedules/<scheduleId>/runs":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 200, answer.ToString());
                Assert.Contains(answer.Json.EnumerateArray(), r =>
                    r.GetProperty("id").GetString() == answers["runId"] && r.GetProperty("status").GetString() == "Succeeded");
                break;
            }

            case "DELETE /api/integrations/<integrationId>":
            {
                var answer = await CurlAsync(prelude, command);
                Assert.True(answer.Status == 204, answer.ToString());
                answers["deleted"] = "yes";
                // deleteLinkedExports=true: the schedule went with it.
                Assert.Equal(HttpStatusCode.NotFound, (await Api().GetAsync($"api/schedules/{answers["scheduleId"]}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await Api().GetAsync($"api/integrations/{answers["integrationId"]}")).StatusCode);
                break;
            }

            default:
                throw new InvalidOperationException($"No check for the README's step {command.Step}.");
        }
    }

    /// <summary>The run line, again and again as a reader polls it, until the run is no longer Running (at most two minutes).</summary>
    private async Task PollUntilFinishedAsync(string prelude, CurlCommand command)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var answer = await CurlAsync(prelude, command);
            Assert.True(answer.Status == 200, answer.ToString());
            var status = answer.Json.GetProperty("status").GetString();
            if (status != "Running")
            {
                Assert.True(status == "Succeeded", answer.ToString());
                Assert.InRange(answer.Json.GetProperty("rows").GetInt64(), CliPortal.DemoEvents, long.MaxValue);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The run is still Running after two minutes:\n{answer}");
            await Task.Delay(500);
        }
    }

    /// <summary>The manifest is JSON of this run, and every object it names is in s3rver under the integration's prefix with its size.</summary>
    private async Task AssertManifestNamesTheStoredObjectsAsync(CurlAnswer answer)
    {
        Assert.True(answer.Status == 200, answer.ToString());
        var manifest = answer.Json;
        Assert.Equal(answers["runId"], manifest.GetProperty("runId").GetString());
        var parts = manifest.GetProperty("parts").EnumerateArray().ToList();
        Assert.NotEmpty(parts);

        using var storage = portal.Storage.Factory.Create(portal.Storage.S3(prefix));
        var stored = new Dictionary<string, long>();
        await foreach (var item in storage.ListAsync("", CancellationToken.None))
        {
            stored[item.Key] = item.Size;
        }

        Assert.All(parts, part =>
        {
            var key = part.GetProperty("key").GetString()!;
            Assert.True(stored.TryGetValue(key, out var size), $"{key} is not in s3rver; it holds: {string.Join(", ", stored.Keys)}");
            Assert.Equal(part.GetProperty("bytes").GetInt64(), size);
            Assert.EndsWith(".csv.gz", key);
        });
        Assert.Equal(manifest.GetProperty("rows").GetInt64(), parts.Sum(p => p.GetProperty("rows").GetInt64()));
    }

    /// <summary>Step 1 with s3rver as the destination (its bucket, a prefix of this run, its endpoint, path style) and its access key id.</summary>
    private string ToS3rver(string command) => Body().Replace(command, body =>
    {
        var json = JsonNode.Parse(body.Groups[1].Value)!.AsObject();
        Assert.NotNull(json["destination"]);
        json["destination"] = new JsonObject
        {
            ["bucket"] = StoragePeers.S3Bucket,
            ["prefix"] = prefix,
            ["region"] = "us-east-1",
            ["serviceUrl"] = portal.Storage.S3Url.AbsoluteUri,
            ["pathStyle"] = true,
        };
        json["accessKeyId"] = StoragePeers.S3AccessKeyId;
        return $"-d '{json.ToJsonString()}'";
    }, 1);

    /// <summary>
    /// The README's prelude and one command, in bash, with what a reader fills in; the harness adds only where curl puts
    /// the response headers and the status (-D, -w), never to the README.
    /// </summary>
    private async Task<CurlAnswer> CurlAsync(string prelude, CurlCommand command, Func<string, string>? rewrite = null)
    {
        var text = Placeholder().Replace(command.Text, m => answers.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"The README uses {m.Value} before an answer gave it: {command.Text}"));
        text = rewrite?.Invoke(text) ?? text;
        var start = text.IndexOf("curl ", StringComparison.Ordinal);
        text = text[..start] + """curl -D "$AP_CURL_HEADERS" -w '\n%{http_code}' """ + text[(start + "curl ".Length)..];
        var script = prelude
            .Replace("https://portal.example.com", portal.Portal.BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal)
            .Replace("apt_YOUR_TOKEN", portal.Token, StringComparison.Ordinal);

        var headers = Path.Combine(work, "headers");
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"set -eu\n{script}\n{text}\n");
        info.Environment["AP_CURL_HEADERS"] = headers;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var (stdout, stderr) = (await output, await error);

        Assert.True(process.ExitCode == 0, $"{text}\nexit {process.ExitCode}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
        var split = stdout.LastIndexOf('\n');
        return new CurlAnswer(text, int.Parse(stdout[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(headers),
            stdout[..Math.Max(split, 0)], stderr);
    }

    private HttpClient Api()
    {
        var api = new HttpClient { BaseAddress = portal.Portal.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", portal.Token);
        return api;
    }

    [GeneratedRegex(@"<(\w+)>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"-d '([^']*)'")]
    private static partial Regex Body();

    public void Dispose() => Directory.Delete(work, recursive: true);
}
