using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>send-now --wait saw the run end without success (exit code 1).</summary>
public sealed class ExportRunFailedException(RunItem run)
    : Exception($"Export run {run.Id} {run.Status.ToLowerInvariant()}: {run.Error ?? "no error text."}")
{
    public RunItem Run { get; } = run;
}
