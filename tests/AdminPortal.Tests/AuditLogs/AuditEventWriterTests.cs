using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>The writer's own binding of rows (RowBinder): text reaches SQLite exactly as sent, whatever its size.</summary>
public sealed class AuditEventWriterTests : IDisposable
{
    private readonly PortalFactory portal = new();

    private async Task<AuditEvent> StoreAndReadAsync(AuditEvent e)
    {
        var stored = await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync([e]);
        Assert.Equal(1, stored.Stored);
        var page = await portal.Services.GetRequiredService<AuditEventReader>().PageAsync(
            new AuditQuery { Filters = [new("EventId", FilterOperator.Equals, e.EventId)] });
        return Assert.Single(page.Rows);
    }

    [Fact]
    public async Task Text_outside_ascii_is_stored_as_sent()
    {
        var e = AuditStoreTests.Event("unicode-1", DateTime.UtcNow, login: "Émile.Zoł@exämple.test", payload: "naïve 日本語 😀 \"quoted\" \\ end");

        var read = await StoreAndReadAsync(e);

        Assert.Equal("Émile.Zoł@exämple.test", read.Login);
        Assert.Equal("naïve 日本語 😀 \"quoted\" \\ end", read.Payload);
        Assert.Equal(e.RawJson, read.RawJson);
    }

    [Fact]
    public async Task A_row_larger_than_the_binding_buffer_is_stored_whole()
    {
        var payload = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"é{i % 10}")) + new string('x', 200_000);
        var e = AuditStoreTests.Event("large-1", DateTime.UtcNow, payload: payload);
        e.NewValue = payload;

        var read = await StoreAndReadAsync(e);

        Assert.Equal(payload, read.Payload);
        Assert.Equal(payload, read.NewValue);
        Assert.Equal("SALES.PUBLIC.ORDERS", read.TargetName);
    }

    public void Dispose() => portal.Dispose();
}
