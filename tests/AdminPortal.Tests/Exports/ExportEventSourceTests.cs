using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports;

[Collection(ExportsCollection.Name)]
public sealed class ExportEventSourceTests(StoragePeers peers, ExportsPortal portal)
{
    private static readonly IReadOnlyList<AuditColumn> Columns = ExportSerializer.ColumnsFor([nameof(AuditEvent.Login), nameof(AuditEvent.Status), nameof(AuditEvent.Count)]);
    private static readonly ExportRowShape Shape = ExportRowShape.For(Columns);
    private static readonly int EventIdColumn = Columns.Count - 1;

    private ExportEventSource Source => portal.Services.GetRequiredService<ExportEventSource>();

    private async Task<List<string>> ReadAllAsync(ExportWindow window)
    {
        var ids = new List<string>();
        if (await Source.StartAsync(window, CancellationToken.None) is not { } start)
        {
            return ids;
        }

        // Batches of 7: every batch after the first resumes from the keyset of the one before.
        using var reader = await Source.ReadAsync(window, Shape, start, 7, CancellationToken.None);
        while (reader.Read(CancellationToken.None))
        {
            Assert.True(reader.TryGetUtf8(EventIdColumn, out var eventId));
            ids.Add(System.Text.Encoding.UTF8.GetString(eventId));
        }

        return ids;
    }

    [Fact]
    public async Task Small_and_large_windows_read_the_same_events_in_event_time_order()
    {
        _ = peers;
        var start = DateTime.UtcNow.Date.AddDays(-3);
        // The second set starts earlier but is ingested later: ingestion order and event-time order disagree.
        var ids = await portal.StoreEventsAsync("planned", 40, start, TimeSpan.FromHours(5));
        var reversed = await portal.StoreEventsAsync("planned", 40, start.AddMinutes(-30), TimeSpan.FromHours(5), "b-");
        var (newest, _) = await Source.NewestAsync(searched: false, CancellationToken.None);
        var window = new ExportWindow(null, newest, null, null, null, [new AuditFilter(nameof(AuditEvent.Family), FilterOperator.Equals, "planned")]);

        var small = await ReadAllAsync(window);
        var large = await ReadAllAsync(window with { SmallWindowLimit = 0 });

        Assert.True(window.IsSmall);
        Assert.Equal(80, small.Count);
        Assert.Equal(small, large);
        Assert.Equal(ids.Concat(reversed).ToHashSet(), small.ToHashSet());
        Assert.Equal("planned-b-00000", small[0]);
    }
}
