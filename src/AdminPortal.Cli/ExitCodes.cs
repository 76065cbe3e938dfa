namespace AdminPortal.Cli;

/// <summary>What a script can tell from the exit code alone (the contract's numbers).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The portal answered 4xx (or 5xx), or a run sent with --wait failed: the message is printed.</summary>
    public const int Refused = 1;

    /// <summary>A bad command line, a missing setting, or a bad exportConfig file: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The portal could not be reached (refused connection, unknown host, timeout).</summary>
    public const int Unreachable = 3;
}
