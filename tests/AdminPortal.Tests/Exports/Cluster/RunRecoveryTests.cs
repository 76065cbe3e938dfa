using AdminPortal.Core.Cluster;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>
/// Interrupted-run recovery with several nodes: a run records the node running it, and only runs whose node is gone are
/// marked Interrupted (each audited once, whichever node marks it). Run on each provider by
/// <see cref="SqliteRunRecoveryTests"/> and <see cref="PostgreSqlRunRecoveryTests"/>.
/// </summary>
public abstract class RunRecoveryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly List<ServiceProvider> nodes = [];
    private TestDatabase database = null!;

    protected DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_run_of_this_node_is_left_Running_and_a_run_of_a_node_that_is_gone_is_marked_Interrupted_and_audited_once()
    {
        var node = await StartNodeAsync();
        var mine = NewRun(await ScheduleAsync("mine"), node.GetRequiredService<PortalNode>().Id, TimeSpan.FromMinutes(5));
        var gone = NewRun(await ScheduleAsync("gone"), "previous-instance-of-this-node", TimeSpan.FromMinutes(5));
        await InsertAsync(mine, gone);

        var marked = await node.GetRequiredService<ExportEngine>().MarkInterruptedRunsAsync();
        var markedAgain = await node.GetRequiredService<ExportEngine>().MarkInterruptedRunsAsync();

        Assert.Equal((1, 0), (marked, markedAgain));
        Assert.Equal(ExportRunStatus.Running, await StatusAsync(mine));
        Assert.Equal(ExportRunStatus.Interrupted, await StatusAsync(gone));
        Assert.Equal(1, await AuditedAsync("gone", "ExportRunInterrupted"));
    }

    [Fact]
    public async Task A_run_is_marked_Interrupted_only_together_with_its_audit_event()
    {
        var node = await StartNodeAsync();
        var gone = NewRun(await ScheduleAsync("refused"), "previous-instance-of-this-node", TimeSpan.FromMinutes(5));
        await InsertAsync(gone);
        var engine = node.GetRequiredService<ExportEngine>();

        // The audit store refuses the event (a trigger standing in for a store that fails at that moment).
        await RefuseAuditAsync(refuse: true);
        await Assert.ThrowsAnyAsync<Exception>(() => engine.MarkInterruptedRunsAsync());
        Assert.Equal(ExportRunStatus.Running, await StatusAsync(gone));

        await RefuseAuditAsync(refuse: false);
        Assert.Equal(1, await engine.MarkInterruptedRunsAsync());
        Assert.Equal(ExportRunStatus.Interrupted, await StatusAsync(gone));
        Assert.Equal(1, await AuditedAsync("refused", "ExportRunInterrupted"));
    }

    private async Task RefuseAuditAsync(bool refuse)
    {
        await using var db = database.NewContext();
        var sql = (provider, refuse) switch
        {
            (DatabaseProvider.Sqlite, true) => """
                CREATE TRIGGER "RefuseInterruptedAudit" BEFORE INSERT ON "AuditEvents" WHEN NEW."Code" = 'ExportRunInterrupted'
                BEGIN SELECT RAISE(ABORT, 'audit store refused'); END;
                """,
            (DatabaseProvider.Sqlite, false) => """DROP TRIGGER "RefuseInterruptedAudit";""",
            (_, true) => """
                CREATE FUNCTION "RefuseInterruptedAudit"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW."Code" = 'ExportRunInterrupted' THEN RAISE EXCEPTION 'audit store refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER "RefuseInterruptedAudit" BEFORE INSERT ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION "RefuseInterruptedAudit"();
                """,
            (_, false) => """DROP TRIGGER "RefuseInterruptedAudit" ON "AuditEvents";""",
        };
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    protected async Task<ServiceProvider> StartNodeAsync()
    {
        var node = CoreNode.Services(database).BuildServiceProvider();
        nodes.Add(node);
        // The scheduler checks in (on PostgreSQL: its row in qrtz_scheduler_state), as a running portal's does.
        await (await node.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();
        return node;
    }

    protected Task<ScheduledExport> ScheduleAsync(string name) => ClusterRows.ScheduleAsync(database, name);

    protected static ExportRun NewRun(ScheduledExport schedule, string? owner, TimeSpan startedAgo) => ClusterRows.NewRun(schedule, owner, startedAgo);

    protected Task InsertAsync(params ExportRun[] runs) => ClusterRows.InsertAsync(database, runs);

    protected Task<ExportRunStatus> StatusAsync(ExportRun run) => ClusterRows.StatusAsync(database, run);

    protected async Task<string?> StoredOwnerAsync(ExportRun run)
    {
        await using var db = database.NewContext();
        return await db.ExportRuns.Where(r => r.Id == run.Id).Select(r => r.OwnerNode).SingleAsync();
    }

    protected Task<int> AuditedAsync(string scheduleName, string code) => ClusterRows.AuditedAsync(database, scheduleName, code);
}
