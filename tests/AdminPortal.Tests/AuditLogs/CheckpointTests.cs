using AdminPortal.Core.AuditLogs;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>The write-ahead log under steady ingestion (AuditCheckpointService): it starts over instead of growing without end.</summary>
public sealed class CheckpointTests : IDisposable
{
    private const int RestartMegabytes = 4;
    private const int Batches = 150;

    private sealed class SmallWalPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:WalRestartMegabytes", RestartMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The search indexer waits for a pause: this test is about the database's log alone.
            builder.UseSetting("SearchIndex:MaxPendingEvents", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private readonly SmallWalPortal portal = new();

    [Fact]
    public async Task Batches_that_always_have_a_next_one_waiting_keep_the_write_ahead_log_near_its_restart_size()
    {
        var writer = portal.Services.GetRequiredService<AuditEventWriter>();
        var wal = new FileInfo(portal.DatabasePath + "-wal");
        var now = DateTime.UtcNow;
        long largest = 0;
        var next = -1;

        // Two senders, as the API under load: a batch always waits at the gate when the one before it commits.
        async Task SendAsync()
        {
            while (Interlocked.Increment(ref next) is var batch && batch < Batches)
            {
                await writer.StoreAsync(Enumerable.Range(0, 1000)
                    .Select(i => AuditStoreTests.Event($"wal-{batch:D2}-{i:D4}", now.AddSeconds(-batch * 1000 - i), payload: new string('p', 200)))
                    .ToList());
                lock (wal)
                {
                    // SQLite removes the log when the last connection to the file closes.
                    wal.Refresh();
                    largest = Math.Max(largest, wal.Exists ? wal.Length : 0);
                }
            }
        }

        await Task.WhenAll(SendAsync(), SendAsync());

        // 150,000 events write about 120 MB of log, and the database grows by as much: without restarts the log held all
        // of it (73 MB after 80 batches); it starts over at 4 MB, and grows meanwhile by what the batches write while
        // the checkpointer copies and waits between two batches (18-23 MB here).
        Assert.True(new FileInfo(portal.DatabasePath).Length > 20L * RestartMegabytes * 1024 * 1024);
        Assert.InRange(largest, 1, 15L * RestartMegabytes * 1024 * 1024);
    }

    public void Dispose() => portal.Dispose();
}
