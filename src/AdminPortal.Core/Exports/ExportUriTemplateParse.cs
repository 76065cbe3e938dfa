namespace AdminPortal.Core.Exports;

public sealed record ExportUriTemplateParse(ExportUriTemplate? Template, IReadOnlyList<string> Errors)
{
    public bool IsValid => Template is not null;
}
