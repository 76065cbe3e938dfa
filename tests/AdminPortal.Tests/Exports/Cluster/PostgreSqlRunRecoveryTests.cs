using AdminPortal.Core.Cluster;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>With several nodes (PostgreSQL only): a node tells another node's live run from a dead node's by Quartz's check-ins.</summary>
public sealed class PostgreSqlRunRecoveryTests() : RunRecoveryTests(DatabaseProvider.PostgreSQL)
{
    [Fact]
    public async Task A_run_of_another_node_that_checks_in_is_left_Running_while_a_run_of_a_node_missing_from_the_check_ins_is_marked()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        var ofB = NewRun(await ScheduleAsync("of-b"), b.GetRequiredService<PortalNode>().Id, TimeSpan.FromMinutes(5));
        var ofDead = NewRun(await ScheduleAsync("of-dead"), "killed-node-1234", TimeSpan.FromMinutes(5));
        await InsertAsync(ofB, ofDead);

        // Both nodes sweep, as each does every check-in interval: the dead node's run is marked (and audited) once.
        var marked = await Task.WhenAll(a.GetRequiredService<ExportEngine>().MarkInterruptedRunsAsync(), b.GetRequiredService<ExportEngine>().MarkInterruptedRunsAsync());

        Assert.Equal(1, marked.Sum());
        Assert.Equal(ExportRunStatus.Running, await StatusAsync(ofB));
        Assert.Equal(ExportRunStatus.Interrupted, await StatusAsync(ofDead));
        Assert.Equal(1, await AuditedAsync("of-dead", "ExportRunInterrupted"));
    }

    [Fact]
    public async Task A_run_just_started_by_a_node_not_yet_checked_in_is_not_taken_for_orphaned()
    {
        var a = await StartNodeAsync();
        var fresh = NewRun(await ScheduleAsync("fresh"), "node-starting-up", TimeSpan.Zero);
        await InsertAsync(fresh);

        Assert.Equal(0, await a.GetRequiredService<ExportEngine>().MarkInterruptedRunsAsync());
        Assert.Equal(ExportRunStatus.Running, await StatusAsync(fresh));
    }
}
