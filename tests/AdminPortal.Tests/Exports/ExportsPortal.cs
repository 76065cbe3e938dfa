using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports;

/// <summary>
/// The portal with small export parts (25 rows), fast retries, and a switch that makes the storage fail on a chosen upload.
/// </summary>
public class ExportsPortal : PortalFactory
{
    public const int PartMaxRows = 25;

    /// <summary>The export settings of this portal, as configuration keys under "Exports".</summary>
    protected virtual IReadOnlyDictionary<string, string> ExportSettings { get; } = new Dictionary<string, string>
    {
        ["PartMaxRows"] = $"{PartMaxRows}",
        ["BatchSize"] = "10",
        ["MaxAttempts"] = "3",
        ["RetryBaseSeconds"] = "0.01",
        ["RetryMaxSeconds"] = "0.05",
        ["MisfireThresholdSeconds"] = "1",
    };

    public FaultInjection Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in ExportSettings)
        {
            builder.UseSetting("Exports:" + key, value);
        }

        // The search index follows only when a test catches it up (no export test depends on it otherwise).
        builder.UseSetting("SearchIndex:IdleMilliseconds", "3600000");
        builder.UseSetting("SearchIndex:MaxPendingEvents", int.MaxValue.ToString(CultureInfo.InvariantCulture));

        builder.ConfigureTestServices(services => services.AddSingleton<IExportDestinations>(sp =>
            new FaultyDestinations(new IntegrationExportDestinations(sp.GetRequiredService<OpenIntegrationStorage>()), Faults)));
    }

    public ExportEngine Engine => Services.GetRequiredService<ExportEngine>();

    public ScheduledExportService Schedules => Services.GetRequiredService<ScheduledExportService>();

    public Tests.Integrations.IntegrationUseCases Integrations => new(Services);

    public async Task<PortalDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    /// <summary>Stores events of one family (each test its own), <paramref name="count"/> of them spread evenly over <paramref name="span"/>.</summary>
    public async Task<List<string>> StoreEventsAsync(string family, int count, DateTime firstUtc, TimeSpan span, string idPrefix = "", int payloadBytes = 0)
    {
        var step = count > 1 ? span / (count - 1) : TimeSpan.Zero;
        var events = Enumerable.Range(0, count).Select(i => new AuditEvent
        {
            EventId = $"{family}-{idPrefix}{i:D5}",
            EventTimeUtc = firstUtc + step * i,
            Datasource = "snowflake",
            Family = family,
            Login = $"user{i % 7}@corp.example",
            Repository = "snowflake-prod",
            Code = "QUERY",
            CodeLabel = "Query executed",
            Action = i % 3 == 0 ? "select" : "update",
            Status = AuditEventStatus.Success,
            Count = 1,
            Payload = payloadBytes > 0 ? $"{i:D8}" + new string((char)('a' + i % 26), payloadBytes - 8)
                : i % 5 == 0 ? "a, \"quoted\" payload\nwith a line break" : null,
        }).ToList();
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
        return events.Select(e => e.EventId).ToList();
    }

    /// <summary>A workbook whose one element shows the family's events (the portal's own audit events stay out of the test's exports).</summary>
    public async Task<(int WorkbookId, int ElementId)> WorkbookAsync(string family, IReadOnlyList<string>? columns = null, string? search = null)
    {
        var workbooks = Services.GetRequiredService<WorkbookService>();
        var state = new ExplorerState
        {
            Range = "30d",
            Columns = columns ?? [nameof(AuditEvent.EventTimeUtc), nameof(AuditEvent.Login), nameof(AuditEvent.Action), nameof(AuditEvent.Payload)],
            Filters = [new AuditFilter(nameof(AuditEvent.Family), FilterOperator.Equals, family)],
            Search = search,
        };
        var result = await workbooks.SaveAsAsync(Principals.Admin(), "Exports " + family, "tests", state);
        Assert.True(result.Succeeded);
        var id = result.Value;
        var workbook = await workbooks.GetAsync(Principals.Admin(), id);
        return (id, workbook!.Elements[0].Id);
    }

    public Task<Guid> IntegrationAsync(StoragePeers peers, string cloud, string name, string prefix) => CreateIntegrationAsync(cloud switch
    {
        "s3" => S3Command(peers.S3Url, StoragePeers.S3Bucket, name, prefix),
        "azure" => new CreateIntegrationCommand
        {
            Name = name,
            AuthMethod = IntegrationAuthMethod.AzureAccountKey,
            Destination = new DestinationInput
            {
                AccountName = StoragePeers.AzureAccount, Bucket = StoragePeers.AzureContainer, Prefix = prefix,
                ServiceUrl = $"{peers.AzureUrl.AbsoluteUri}{StoragePeers.AzureAccount}",
            },
            Secret = WriteOnlySecret.FromInput(StoragePeers.AzureAccountKey),
        },
        _ => new CreateIntegrationCommand
        {
            Name = name,
            AuthMethod = IntegrationAuthMethod.GcpPortalServiceAccount,
            Destination = new DestinationInput { Bucket = "audit-exports-gcs", Prefix = prefix, ServiceUrl = peers.GcsUrl.AbsoluteUri },
        },
    });

    /// <summary>An S3 integration with an access key, against any s3rver (s3rver checks the key id only).</summary>
    public Task<Guid> S3IntegrationAsync(Uri serviceUrl, string bucket, string name, string prefix) =>
        CreateIntegrationAsync(S3Command(serviceUrl, bucket, name, prefix));

    private static CreateIntegrationCommand S3Command(Uri serviceUrl, string bucket, string name, string prefix) => new()
    {
        Name = name,
        AuthMethod = IntegrationAuthMethod.AwsAccessKey,
        Destination = new DestinationInput { Bucket = bucket, Prefix = prefix, Region = "us-east-1", ServiceUrl = serviceUrl.AbsoluteUri, PathStyle = true },
        AccessKeyId = StoragePeers.S3AccessKeyId,
        Secret = WriteOnlySecret.FromInput("s3rver-ignores-this-secret"),
    };

    private async Task<Guid> CreateIntegrationAsync(CreateIntegrationCommand command)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), command);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        Assert.Equal("SUCCESS", outcome.Value!.LastTestStatus);
        return outcome.Value.Id;
    }

    public async Task<Guid> ScheduleAsync(ScheduleExportCommand command)
    {
        var result = await Schedules.CreateAsync(Principals.Admin(), command);
        Assert.True(result.Succeeded, string.Join(" ", result.AllMessages));
        return result.Value;
    }

    public async Task<ScheduledExport> ScheduleRowAsync(Guid id)
    {
        await using var db = await DbAsync();
        return await db.ScheduledExports.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>Every object under the integration's prefix, by key, with its bytes (gunzipped when the name ends in .gz).</summary>
    public async Task<SortedDictionary<string, (byte[] Stored, byte[] Content)>> ReadAllAsync(Guid integrationId)
    {
        using var destination = await new IntegrationExportDestinations(Integrations.Storage).OpenAsync(integrationId, CancellationToken.None);
        var storage = destination.Storage!;
        var objects = new SortedDictionary<string, (byte[], byte[])>(StringComparer.Ordinal);
        await foreach (var o in storage.ListAsync("", CancellationToken.None))
        {
            if (o.Key.StartsWith(".adminportal-connection-test/", StringComparison.Ordinal))
            {
                continue;
            }

            await using var read = await storage.OpenReadAsync(o.Key, CancellationToken.None);
            var stored = new MemoryStream();
            await read.CopyToAsync(stored);
            var content = stored.ToArray();
            if (o.Key.EndsWith(".gz", StringComparison.Ordinal))
            {
                await using var unzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
                var plain = new MemoryStream();
                await unzip.CopyToAsync(plain);
                content = plain.ToArray();
            }

            objects[o.Key] = (stored.ToArray(), content);
        }

        return objects;
    }
}

/// <summary>Makes the Nth upload of a storage fail with a chosen error (once, or every time), to play a cloud failing mid-run.</summary>
public sealed class FaultInjection
{
    private int uploads;

    public int FailOnUpload { get; private set; } = -1;

    public Func<Exception>? Error { get; private set; }

    public bool Always { get; private set; }

    /// <summary>With a value, the chosen upload starts for real and its content fails after this many bytes (mid multipart upload).</summary>
    public long? AfterBytes { get; private set; }

    public void FailUpload(int number, Func<Exception> error, bool always = false, long? afterBytes = null)
    {
        Interlocked.Exchange(ref uploads, 0);
        FailOnUpload = number;
        Error = error;
        Always = always;
        AfterBytes = afterBytes;
    }

    public void Clear() => FailOnUpload = -1;

    /// <summary>When set, that upload waits (until its run is cancelled) instead of starting; the task ends once it waits.</summary>
    public int HoldOnUpload { get; private set; } = -1;

    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes upload <paramref name="number"/> (counted from now) wait until its run is cancelled; returns when it waits.</summary>
    public Task HoldUpload(int number)
    {
        Interlocked.Exchange(ref uploads, 0);
        held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldOnUpload = number;
        return held.Task;
    }

    internal async Task WaitIfHeldAsync(int upload, CancellationToken cancellationToken)
    {
        if (upload == HoldOnUpload)
        {
            held.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    internal (int Upload, Exception? Error) Next()
    {
        var n = Interlocked.Increment(ref uploads);
        return (n, FailOnUpload > 0 && (n == FailOnUpload || (Always && n > FailOnUpload)) ? Error?.Invoke() : null);
    }

    public static CloudStorageException AccessDenied() =>
        new("AccessDenied: Access Denied (injected by the test)", "AccessDenied", HttpStatusCode.Forbidden);

    public static CloudStorageException SlowDown() =>
        new("SlowDown: Please reduce your request rate (injected by the test)", "SlowDown", HttpStatusCode.ServiceUnavailable);
}

internal sealed class FaultyDestinations(IExportDestinations inner, FaultInjection faults) : IExportDestinations
{
    public async Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct)
    {
        var destination = await inner.OpenAsync(integrationId, ct);
        return destination.Storage is null ? destination : destination with { Storage = new FaultyStorage(destination.Storage, faults) };
    }

    private sealed class FaultyStorage(ICloudStorage inner, FaultInjection faults) : ICloudStorage
    {
        public bool CompatibilityMode => inner.CompatibilityMode;

        public Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken) =>
            WithFaultsAsync(content, cancellationToken, c => inner.UploadAsync(key, c, options, cancellationToken));

        public Task<StagedUpload> StageAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken) =>
            WithFaultsAsync(content, cancellationToken, c => inner.StageAsync(key, c, options, cancellationToken));

        private async Task<T> WithFaultsAsync<T>(Stream content, CancellationToken cancellationToken, Func<Stream, Task<T>> send)
        {
            var (upload, error) = faults.Next();
            await faults.WaitIfHeldAsync(upload, cancellationToken);
            if (error is not null && faults.AfterBytes is { } after)
            {
                return await send(new FailingStream(content, after, error));
            }

            if (error is not null)
            {
                // Read some of the content first, as a real upload that fails midway does.
                await content.ReadAsync(new byte[1024], cancellationToken);
                throw error;
            }

            return await send(content);
        }

        public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken) => inner.TestConnectionAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}

/// <summary>Reads through to its inner stream, then fails once <paramref name="after"/> bytes were read.</summary>
internal sealed class FailingStream(Stream inner, long after, Exception error) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (read >= after)
        {
            throw error;
        }

        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, after - read)], cancellationToken);
        read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Objects of several upload chunks (5 MiB, S3's smallest): a run that fails inside a multipart upload.</summary>
public sealed class LargeObjectsPortal : ExportsPortal
{
    protected override IReadOnlyDictionary<string, string> ExportSettings { get; } = new Dictionary<string, string>
    {
        ["UploadChunkBytes"] = $"{5 * 1024 * 1024}",
        ["MaxAttempts"] = "2",
        ["RetryBaseSeconds"] = "0.01",
        ["RetryMaxSeconds"] = "0.05",
        ["MisfireThresholdSeconds"] = "1",
    };
}

[CollectionDefinition(Name)]
public sealed class ExportsCollection : ICollectionFixture<StoragePeers>, ICollectionFixture<ExportsPortal>
{
    public const string Name = "Scheduled exports";
}
