namespace AdminPortal.Core.Exports;

public enum ExportRunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The portal stopped while the run was going (found Running at the next start).</summary>
    Interrupted,
}
