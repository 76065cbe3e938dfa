using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Core.Cluster;

/// <summary>
/// Which nodes are alive, to tell a run whose node died from a run another node is still doing. On PostgreSQL: the
/// nodes in Quartz's qrtz_scheduler_state, where each clustered scheduler checks in and from which Quartz itself
/// removes a node once it missed its check-ins (that is when Quartz recovers the dead node's jobs, too). On SQLite there
/// is one node: every other owner is a portal that stopped.
/// </summary>
public sealed class ClusterMembers(IOptions<DatabaseOptions> database, IOptions<ExportOptions> exports, PortalNode node)
{
    private const string UndefinedTable = "42P01";

    /// <summary>
    /// How long a run's owner may be missing from the check-in table before its run counts as orphaned: a node that
    /// started a run (Send now) before its scheduler's first check-in is not dead. Two check-in intervals: Quartz's
    /// own rule (an interval plus its misfire threshold, equal here) for declaring a node failed.
    /// </summary>
    public TimeSpan Grace => database.Value.Provider == DatabaseProvider.PostgreSQL
        ? TimeSpan.FromSeconds(2 * exports.Value.ClusterCheckinSeconds)
        : TimeSpan.Zero;

    public string Self => node.Id;

    /// <summary>The ids of the nodes alive now, this one included.</summary>
    public async Task<IReadOnlySet<string>> LiveAsync(CancellationToken ct)
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { node.Id };
        if (database.Value.Provider != DatabaseProvider.PostgreSQL)
        {
            return live;
        }

        await using var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = @name", connection);
        command.Parameters.AddWithValue("name", ExportsServices.SchedulerName);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                live.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            // The first start on this database: Quartz has not made its tables yet, so no other node has checked in.
        }

        return live;
    }
}
