namespace AdminPortal.Core.Exports;

public enum ExportTrigger
{
    /// <summary>The scheduler fired.</summary>
    Scheduled,

    /// <summary>Send now.</summary>
    Manual,

    /// <summary>A run started again after a failed or interrupted one.</summary>
    Retry,
}
