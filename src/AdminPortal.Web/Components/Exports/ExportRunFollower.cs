using System.Security.Claims;
using AdminPortal.Core.Exports;

namespace AdminPortal.Web.Components.Exports;

/// <summary>
/// Follows a run started with Send now by reading its row (status and progress) until it is no longer Running: the
/// modal shows the run as it goes without holding the circuit's event for the whole run.
/// </summary>
public sealed class ExportRunFollower(GetExportRun runs, TimeProvider clock)
{
    /// <summary>How often the row is read: the engine writes its progress about once a second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Calls <paramref name="changed"/> with every read of the row; returns the finished run, or null when it cannot be seen.</summary>
    public async Task<ExportRun?> FollowAsync(ClaimsPrincipal user, Guid runId, Func<ExportRun, Task> changed, CancellationToken ct)
    {
        while (true)
        {
            var run = await runs.HandleAsync(user, runId, ct);
            if (run is null)
            {
                return null;
            }

            await changed(run);
            if (run.Status != ExportRunStatus.Running)
            {
                return run;
            }

            await Task.Delay(Interval, clock, ct);
        }
    }
}
