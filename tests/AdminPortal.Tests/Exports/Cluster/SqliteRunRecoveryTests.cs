using AdminPortal.Core.Cluster;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports.Cluster;

public sealed class SqliteRunRecoveryTests() : RunRecoveryTests(DatabaseProvider.Sqlite)
{
    // SQLite only until the engine reads its window on PostgreSQL (the read side of issue 14).
    [Fact]
    public async Task A_run_is_recorded_with_the_node_that_runs_it()
    {
        var node = await StartNodeAsync();
        var schedule = await ScheduleAsync("owned");

        var run = await node.GetRequiredService<ExportEngine>().RunAsync(schedule.Id, ExportTrigger.Manual);

        Assert.NotNull(run);
        Assert.Equal(node.GetRequiredService<PortalNode>().Id, await StoredOwnerAsync(run));
    }
}
