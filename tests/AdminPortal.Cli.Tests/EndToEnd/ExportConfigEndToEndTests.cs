using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using AdminPortal.Cli.Tests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests.EndToEnd;

/// <summary>The built tool against a real portal process and a real s3rver, as an admin's script runs it.</summary>
[Collection(CliPortalCollection.Name)]
public sealed class ExportConfigEndToEndTests(CliPortal portal) : IDisposable
{
    private readonly CliProcess cli = portal.Cli();

    /// <summary>An exportConfig for s3rver: Immuta's fields, plus the portal's endpoint and path style for an S3-compatible store.</summary>
    private string S3File(string path, string bucket = S3Peer.Bucket)
    {
        var file = Path.Combine(cli.Home, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""
            {
              "interval": "EVERY_12_HOURS",
              "bucket": "{{bucket}}",
              "path": "{{path}}",
              "region": "us-east-1",
              "accessKeyId": "{{StoragePeers.S3AccessKeyId}}",
              "secretAccessKey": "s3rver-ignores-the-secret",
              "endpoint": "{{portal.S3.Url.AbsoluteUri}}",
              "pathStyle": true
            }
            """);
        return file;
    }

    private async Task<CliResult> Succeeds(params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"adminportal {string.Join(' ', args)}\n{result}");
        return result;
    }

    private static JsonElement Json(CliResult result) => JsonDocument.Parse(result.Out).RootElement;

    [Fact]
    public async Task An_s3_access_key_exportConfig_is_created_sent_to_s3rver_listed_paused_resumed_and_deleted()
    {
        var prefix = $"cli-{Guid.NewGuid():N}";

        var created = Json(await Succeeds("audit", "exportConfig", "create:s3:accessKey", S3File(prefix), "--json"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("connected", created.GetProperty("connectionStatus").GetString());
        Assert.True(created.GetProperty("enabled").GetBoolean());

        var list = await Succeeds("audit", "exportConfig", "list");
        Assert.Contains(list.Out.Split('\n'), line => line.StartsWith(id, StringComparison.Ordinal) && line.Contains("yes", StringComparison.Ordinal));

        var run = Json(await Succeeds("audit", "exportConfig", "send-now", id, "--wait", "--json"));
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        // The demo events, and the portal's own audit events (the integration just created among them).
        var rows = run.GetProperty("rows").GetInt64();
        Assert.InRange(rows, CliPortal.DemoEvents, CliPortal.DemoEvents + 100);

        var lines = await ExportedLinesAsync(prefix);
        Assert.Equal(rows, lines.Count);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));

        var runs = await Succeeds("audit", "exportConfig", "runs", id);
        Assert.Contains(runs.Out.Split('\n'), line => line.StartsWith(run.GetProperty("id").GetString()!, StringComparison.Ordinal) && line.Contains("Succeeded", StringComparison.Ordinal));

        await Succeeds("audit", "exportConfig", "disable", id);
        Assert.False(Json(await Succeeds("audit", "exportConfig", "get", id, "--json")).GetProperty("enabled").GetBoolean());
        await Succeeds("audit", "exportConfig", "enable", id);
        Assert.True(Json(await Succeeds("audit", "exportConfig", "get", id, "--json")).GetProperty("enabled").GetBoolean());

        var deleted = Json(await Succeeds("audit", "exportConfig", "delete", id, "--json"));
        Assert.True(deleted.GetProperty("integrationDeleted").GetBoolean());
        Assert.DoesNotContain(id, (await Succeeds("audit", "exportConfig", "list")).Out);
        var gone = await cli.RunAsync("audit", "exportConfig", "get", id);
        Assert.Equal(ExitCodes.Refused, gone.ExitCode);
        Assert.Contains("(404)", gone.Error);
    }

    [Fact]
    public async Task A_bucket_the_portal_refuses_exits_1_with_the_portals_message_on_the_files_line()
    {
        var file = S3File($"cli-{Guid.NewGuid():N}", bucket: "Not_A_Bucket");

        var result = await cli.RunAsync("audit", "exportConfig", "create:s3:accessKey", file);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("Error: One or more fields are invalid. (400)", result.Error);
        Assert.Contains($"{file} line 3, bucket: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task An_unknown_token_exits_1_with_the_portals_401_and_never_echoes_the_token()
    {
        var token = "apt_" + new string('x', 43);
        var result = await cli.RunAsync("audit", "exportConfig", "list", "--token", token);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("(401)", result.Error);
        Assert.DoesNotContain(token, result.Error);
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_cannot_create_an_exportConfig_and_is_told_which_scope()
    {
        var reader = await portal.IssueTokenAsync("audit:read");

        var result = await cli.RunAsync("audit", "exportConfig", "create:s3:accessKey", S3File($"cli-{Guid.NewGuid():N}"), "--token", reader);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("(403)", result.Error);
        Assert.Contains("admin", result.Error);
    }

    /// <summary>Every JSON line of every exported object under the prefix, read back from s3rver (manifest aside).</summary>
    private async Task<List<string>> ExportedLinesAsync(string prefix)
    {
        using var http = new HttpClient { BaseAddress = portal.S3.Url };
        // By local name: s3rver's listing has a namespace of its own (doc.s3.amazonaws.com), not AWS's.
        var listing = XDocument.Parse(await http.GetStringAsync($"{S3Peer.Bucket}?prefix={prefix}/"));
        var keys = listing.Descendants().Where(e => e.Name.LocalName == "Key").Select(k => k.Value)
            .Where(k => k.EndsWith(".jsonl.gz", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keys);
        var lines = new List<string>();
        foreach (var key in keys)
        {
            await using var gzip = new GZipStream(await http.GetStreamAsync($"{S3Peer.Bucket}/{key}"), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }

        return lines;
    }

    public void Dispose() => cli.Dispose();
}
