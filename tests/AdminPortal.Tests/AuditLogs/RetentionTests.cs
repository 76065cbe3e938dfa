using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

public sealed class RetentionTests : IDisposable
{
    private readonly HeldPortal portal = new();

    /// <summary>A portal with a small delete batch (to exercise batching) and a hold an export would register.</summary>
    private sealed class HeldPortal : PortalFactory
    {
        public TestHold Hold { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Retention:BatchSize", "100");
            builder.ConfigureTestServices(services => services.AddSingleton<IRetentionHold>(Hold));
        }
    }

    private sealed class TestHold : IRetentionHold
    {
        public DateTime? OldestNeeded { get; set; }

        public string Name => "Export 'Nightly S3'";

        public Task<DateTime?> OldestNeededUtcAsync(CancellationToken ct) => Task.FromResult(OldestNeeded);
    }

    private async Task SeedAsync(DateTime now)
    {
        var events = Enumerable.Range(0, 250).Select(i => AuditStoreTests.Event($"old-{i}", now.AddDays(-40).AddMinutes(i)))
            .Concat(Enumerable.Range(0, 30).Select(i => AuditStoreTests.Event($"mid-{i}", now.AddDays(-35).AddMinutes(i))))
            .Concat(Enumerable.Range(0, 20).Select(i => AuditStoreTests.Event($"new-{i}", now.AddDays(-1).AddMinutes(i))))
            .ToList();
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
    }

    private Task<long> CountAsync(string prefix) => Task.Run(async () =>
        (await portal.Services.GetRequiredService<AuditEventReader>().PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, prefix)] })).Total);

    [Fact]
    public async Task Events_older_than_the_retention_period_are_deleted_in_batches_and_recent_ones_kept()
    {
        await SeedAsync(DateTime.UtcNow);

        var run = await portal.Services.GetRequiredService<AuditRetention>().RunOnceAsync();

        Assert.Equal(280, run.Deleted);
        Assert.Equal(0, await CountAsync("old-"));
        Assert.Equal(20, await CountAsync("new-"));
        // The full-text index forgets them too (its delete trigger).
        Assert.Equal(0, (await portal.Services.GetRequiredService<AuditEventReader>().PageAsync(new AuditQuery { Search = "old" })).Total);
    }

    [Fact]
    public async Task An_export_that_still_needs_old_events_holds_them_back_and_says_so()
    {
        var now = DateTime.UtcNow;
        await SeedAsync(now);
        portal.Hold.OldestNeeded = now.AddDays(-36);

        var run = await portal.Services.GetRequiredService<AuditRetention>().RunOnceAsync();

        Assert.Equal("Export 'Nightly S3'", run.HeldBy);
        Assert.Equal(0, await CountAsync("old-"));
        Assert.Equal(30, await CountAsync("mid-"));
        Assert.Equal(20, await CountAsync("new-"));
    }

    public void Dispose() => portal.Dispose();
}
