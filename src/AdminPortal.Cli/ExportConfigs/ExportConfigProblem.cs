namespace AdminPortal.Cli.ExportConfigs;

/// <summary>What is wrong with an exportConfig file: the field (null: the whole file) and its line, when known.</summary>
public sealed record ExportConfigProblem(string? Field, int? Line, string Message)
{
    public string Describe(string file) =>
        (Line, Field) switch
        {
            ({ } line, { } field) => $"{file} line {line}, {field}: {Message}",
            ({ } line, null) => $"{file} line {line}: {Message}",
            (null, { } field) => $"{file}, {field}: {Message}",
            _ => $"{file}: {Message}",
        };
}
