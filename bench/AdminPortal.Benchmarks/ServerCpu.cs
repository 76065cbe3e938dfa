namespace AdminPortal.Benchmarks;

/// <summary>
/// The CPU time of the PostgreSQL server's processes on this machine (every process named "postgres" in /proc: the
/// backends, the WAL writer, the checkpointer), to set beside the portal's own in the ingestion figure. Null where
/// none is visible: a server on another machine, or not Linux. A backend that exits between two readings takes its
/// time with it; the portal's pooled connections stay open for the whole timed run.
/// </summary>
internal static class ServerCpu
{
    // /proc reports times in USER_HZ, 100 a second on Linux whatever the kernel's own tick rate.
    private const double TicksPerSecond = 100;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        long ticks = 0;
        var seen = false;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "comm")).Trim() != "postgres")
                {
                    continue;
                }

                // After the command name in parentheses: state, ppid, …; utime and stime are the 12th and 13th fields.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
                seen = true;
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return seen ? TimeSpan.FromSeconds(ticks / TicksPerSecond) : null;
    }
}
