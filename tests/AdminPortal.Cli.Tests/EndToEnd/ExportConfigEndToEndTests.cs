using System.IO.Compression;
using System.Text.Json;
using AdminPortal.Cli.Tests.Infrastructure;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests.EndToEnd;

/// <summary>The built tool against a real portal process and the real emulators, as an admin's script runs it.</summary>
[Collection(CliPortalCollection.Name)]
public sealed class ExportConfigEndToEndTests(CliPortal portal) : IDisposable
{
    private readonly CliProcess cli = portal.Cli();

    private StoragePeers Storage => portal.Storage;

    private string File(string json)
    {
        var file = Path.Combine(cli.Home, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(file, json);
        return file;
    }

    /// <summary>An exportConfig for s3rver: Immuta's fields, plus the portal's endpoint and path style for an S3-compatible store.</summary>
    private string S3File(string path, string bucket = StoragePeers.S3Bucket) => File($$"""
        {
          "interval": "EVERY_12_HOURS",
          "bucket": "{{bucket}}",
          "path": "{{path}}",
          "region": "us-east-1",
          "accessKeyId": "{{StoragePeers.S3AccessKeyId}}",
          "secretAccessKey": "s3rver-ignores-the-secret",
          "endpoint": "{{Storage.S3Url.AbsoluteUri}}",
          "pathStyle": true
        }
        """);

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
        Assert.Equal("EVERY_12_HOURS", created.GetProperty("interval").GetString());

        var list = await Succeeds("audit", "exportConfig", "list");
        Assert.Contains(list.Out.Split('\n'), line => line.StartsWith(id, StringComparison.Ordinal) && line.Contains("yes", StringComparison.Ordinal));

        var run = Json(await Succeeds("audit", "exportConfig", "send-now", id, "--wait", "--json"));
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        await AssertEveryRowIsStoredAsync(run, Storage.S3(prefix));

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
    public async Task An_adls_exportConfig_with_a_sas_token_sends_every_event_to_azurite()
    {
        var prefix = $"cli-{Guid.NewGuid():N}";
        var file = File($$"""
            {
              "interval": "EVERY_4_HOURS",
              "storageAccount": "{{StoragePeers.AzureAccount}}",
              "fileSystem": "{{StoragePeers.AzureContainer}}",
              "path": "{{prefix}}",
              "sasToken": "{{StoragePeers.AzureAccountSas("rwdlac").TrimStart('?')}}",
              "endpoint": "{{Storage.AzureUrl.AbsoluteUri}}{{StoragePeers.AzureAccount}}"
            }
            """);

        var created = Json(await Succeeds("audit", "exportConfig", "create:adls", file, "--json"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("AzureSas", "connected"), (created.GetProperty("authMethod").GetString(), created.GetProperty("connectionStatus").GetString()));

        var run = Json(await Succeeds("audit", "exportConfig", "send-now", id, "--wait", "--json"));
        await AssertEveryRowIsStoredAsync(run, Storage.Azure(prefix));
        await Succeeds("audit", "exportConfig", "delete", id);
    }

    [Fact]
    public async Task A_gcs_exportConfig_without_a_key_uses_the_portals_service_account_and_sends_every_event()
    {
        var prefix = $"cli-{Guid.NewGuid():N}";
        var file = File($$"""
            { "interval": "EVERY_2_HOURS", "bucket": "audit-exports-gcs", "path": "{{prefix}}", "endpoint": "{{Storage.GcsUrl.AbsoluteUri}}" }
            """);

        var created = Json(await Succeeds("audit", "exportConfig", "create:gcs", file, "--json"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("GcpPortalServiceAccount", "connected"), (created.GetProperty("authMethod").GetString(), created.GetProperty("connectionStatus").GetString()));

        var run = Json(await Succeeds("audit", "exportConfig", "send-now", id, "--wait", "--json"));
        await AssertEveryRowIsStoredAsync(run, Storage.Gcs("audit-exports-gcs", prefix));
        await Succeeds("audit", "exportConfig", "delete", id);
    }

    [Fact]
    public async Task An_exportConfig_asking_for_identity_columns_is_stored_with_them_and_its_objects_carry_them()
    {
        var prefix = $"cli-{Guid.NewGuid():N}";
        var file = File($$"""
            { "interval": "EVERY_2_HOURS", "bucket": "audit-exports-gcs", "path": "{{prefix}}", "endpoint": "{{Storage.GcsUrl.AbsoluteUri}}",
              "includeIdentityColumns": true }
            """);

        var created = Json(await Succeeds("audit", "exportConfig", "create:gcs", file, "--json"));
        var id = created.GetProperty("id").GetString()!;
        var shown = Json(await Succeeds("audit", "exportConfig", "get", id, "--json"));
        var run = Json(await Succeeds("audit", "exportConfig", "send-now", id, "--wait", "--json"));

        Assert.True(created.GetProperty("includeIdentityColumns").GetBoolean());
        Assert.True(shown.GetProperty("includeIdentityColumns").GetBoolean());
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        using var storage = Storage.Factory.Create(Storage.Gcs("audit-exports-gcs", prefix));
        var first = await storage.ListAsync("", CancellationToken.None).FirstAsync(o => o.Key.EndsWith(".jsonl.gz", StringComparison.Ordinal));
        await using var gzip = new GZipStream(await storage.OpenReadAsync(first.Key, CancellationToken.None), CompressionMode.Decompress);
        var line = JsonDocument.Parse((await new StreamReader(gzip).ReadLineAsync())!).RootElement;
        // The demo events were never matched: the columns are there, empty.
        Assert.Equal(JsonValueKind.Null, line.GetProperty("ActorDisplayName").ValueKind);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("SecondTargetIdentityId").ValueKind);
        await Succeeds("audit", "exportConfig", "delete", id);
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
    public async Task A_storage_the_portal_cannot_reach_is_refused_and_leaves_no_integration_behind()
    {
        var name = $"unreachable_{Guid.NewGuid():N}"[..24];
        var file = File($$"""
            {
              "interval": "EVERY_12_HOURS", "bucket": "{{StoragePeers.S3Bucket}}", "region": "us-east-1", "name": "{{name}}",
              "accessKeyId": "{{StoragePeers.S3AccessKeyId}}", "secretAccessKey": "x", "endpoint": "http://127.0.0.1:9", "pathStyle": true
            }
            """);

        var result = await cli.RunAsync("audit", "exportConfig", "create:s3:accessKey", file);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("did not succeed", result.Error);
        using var api = new HttpClient { BaseAddress = portal.Portal.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new("Bearer", portal.Token);
        var integrations = JsonDocument.Parse(await api.GetStringAsync("api/integrations")).RootElement;
        Assert.DoesNotContain(integrations.EnumerateArray(), i => i.GetProperty("name").GetString() == name);
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

    /// <summary>
    /// The run succeeded with the demo events and the portal's own audit events (the integration just created among
    /// them), and the storage holds exactly that many JSON lines in its .jsonl.gz objects (the manifest aside).
    /// </summary>
    private async Task AssertEveryRowIsStoredAsync(JsonElement run, StorageDestination destination)
    {
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var rows = run.GetProperty("rows").GetInt64();
        Assert.InRange(rows, CliPortal.DemoEvents, CliPortal.DemoEvents + 100);

        using var storage = Storage.Factory.Create(destination);
        var lines = 0;
        await foreach (var stored in storage.ListAsync("", CancellationToken.None))
        {
            if (!stored.Key.EndsWith(".jsonl.gz", StringComparison.Ordinal))
            {
                continue;
            }

            await using var gzip = new GZipStream(await storage.OpenReadAsync(stored.Key, CancellationToken.None), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            while (await reader.ReadLineAsync() is { Length: > 0 } line)
            {
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind);
                lines++;
            }
        }

        Assert.Equal(rows, lines);
    }

    public void Dispose() => cli.Dispose();
}
