namespace AdminPortal.Cli.ExportConfigs;

/// <summary>A bad exportConfig file (exit code 2): every problem found, each with its field and line.</summary>
public sealed class ExportConfigException(string file, IReadOnlyList<ExportConfigProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems.Select(p => p.Describe(file))))
{
    public string File { get; } = file;

    public IReadOnlyList<ExportConfigProblem> Problems { get; } = problems;
}
