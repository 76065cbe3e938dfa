using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>Alone: the memory figure must not count other tests' allocations.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IngestionLimitsCollection
{
    public const string Name = "Ingestion limits";
}

/// <summary>What one request and one token may take of the portal: memory, the writer's time, connections.</summary>
[Collection(IngestionLimitsCollection.Name)]
public sealed class IngestionLimitsTests(IngestionLimitsTests.Portal portal, ITestOutputHelper output) : IClassFixture<IngestionLimitsTests.Portal>
{
    /// <summary>
    /// Kestrel on a free port (the test server buffers a request body whole, which is not what a request costs the
    /// portal); the default request size (64 MiB), one request at a time, one request a second per token with a burst of 3.
    /// </summary>
    public sealed class Portal : PortalFactory
    {
        public Portal()
        {
            UseKestrel(0);
            StartServer();
        }

        /// <summary>A client that streams request bodies: the default one buffers each body whole, to replay it on a redirect.</summary>
        public HttpClient Client() => CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
        });

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ingestion:MaxConcurrentRequests", "1");
            builder.UseSetting("Ingestion:RequestsPerSecondPerToken", "1");
            builder.UseSetting("Ingestion:RequestBurstPerToken", "3");
        }
    }

    private async Task<string> NewTokenAsync()
    {
        var result = await portal.Services.GetRequiredService<CreateApiToken>().HandleAsync(
            Principals.Admin(), new CreateApiTokenCommand("limits-" + Guid.NewGuid().ToString("N")[..8], [ApiScopes.AuditIngest], null));
        Assert.True(result.Succeeded);
        return result.Value!.Token;
    }

    private static string Normalized(string id) =>
        $$"""{"eventId":"{{id}}","eventTime":"2026-11-20T10:00:00Z","datasource":"snowflake","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success","targetType":"asset","targetName":"SALES.ORDERS","payload":"select * from orders where id = 42"}""";

    private static HttpRequestMessage Post(HttpContent content, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit-events") { Content = content };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task A_60_mib_request_adds_less_than_64_mb_of_live_memory()
    {
        var client = portal.Client();
        // Alone it takes seconds; with the other test projects on the same two cores it has taken over 100 s.
        client.Timeout = TimeSpan.FromMinutes(10);
        var token = await NewTokenAsync();
        var body = new GeneratedNdjson(60 * 1024 * 1024);
        var baseline = LiveBytes();

        // Live memory, sampled through the request after a full blocking collection: what the request holds, not its
        // garbage. One collection a sample: GC.GetTotalMemory(true) repeats collections (up to 20) until the heap stops
        // changing, which it never does while the request allocates, and every one of them stops the portal's threads.
        var peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, LiveBytes());
                await Task.Delay(100);
            }
        });
        var response = await client.SendAsync(Post(body, token));
        await done.CancelAsync();
        await sampler;

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var stored = JsonDocument.Parse(text).RootElement.GetProperty("stored").GetInt32();
        var extra = (peak - baseline) / 1024.0 / 1024.0;
        output.WriteLine($"{body.Written / 1024.0 / 1024.0:0.0} MiB, {stored:N0} events stored; live managed memory at most {extra:0.0} MB above the baseline");
        Assert.Equal(body.Events, stored);
        Assert.True(extra < 64, $"the request held {extra:0.0} MB");
    }

    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    [Fact]
    public async Task A_token_over_its_rate_gets_429_with_retry_after_and_another_token_is_served()
    {
        var client = portal.Client();
        var token = await NewTokenAsync();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await client.SendAsync(Post(new StringContent(Normalized($"rate-{i}")), token)));
        }
        var other = await client.SendAsync(Post(new StringContent(Normalized("rate-other")), await NewTokenAsync()));

        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Contains("This ingestion token sent more requests than it may", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Past_the_concurrency_limit_a_request_gets_429_with_retry_after_until_the_first_one_ends()
    {
        var client = portal.Client();
        var release = new TaskCompletionSource();
        var slow = client.SendAsync(Post(new HeldContent(Encoding.UTF8.GetBytes(Normalized("busy-1") + "\n"), release.Task), await NewTokenAsync()));

        // The slow request holds the one permit once it reaches the endpoint: ask until the portal says it is busy. A
        // deadline, not a count of attempts: on a loaded machine the slow request may take seconds to get there.
        HttpResponseMessage? busy = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 0; DateTime.UtcNow < deadline && busy is null; attempt++)
        {
            var response = await client.SendAsync(Post(new StringContent(Normalized($"busy-other-{attempt}")), await NewTokenAsync()));
            busy = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
            await Task.Delay(50);
        }
        release.SetResult();
        var first = await slow;

        Assert.NotNull(busy);
        Assert.Equal("1", busy.Headers.GetValues("Retry-After").Single());
        Assert.Contains("busy with other ingestion requests", await busy.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    /// <summary>NDJSON events written as they are sent, so that the body is never in the test's memory whole.</summary>
    private sealed class GeneratedNdjson(long bytes) : HttpContent
    {
        public long Written { get; private set; }

        public int Events { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new StringBuilder();
            while (Written < bytes - 1024)
            {
                chunk.Clear();
                while (chunk.Length < 64 * 1024)
                {
                    chunk.Append(Normalized($"mem-{Events++:D8}")).Append('\n');
                }
                var utf8 = Encoding.UTF8.GetBytes(chunk.ToString());
                await stream.WriteAsync(utf8);
                Written += utf8.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A body that sends its first bytes, then waits before it ends: a slow sender.</summary>
    private sealed class HeldContent(byte[] first, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(first);
            await stream.FlushAsync();
            await release;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
