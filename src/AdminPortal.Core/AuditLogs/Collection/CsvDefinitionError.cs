namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>A fault in a file that defines the whole collection; the collection is refused and produces nothing.</summary>
public sealed record CsvDefinitionError(CsvCollectionFile File, int Line, string Reason)
{
    /// <summary>"attribute mapping file, line 3: …".</summary>
    public string Message => $"{FileName(File)}, line {Line}: {Reason}";

    public override string ToString() => Message;

    private static string FileName(CsvCollectionFile file) => file switch
    {
        CsvCollectionFile.RawLog => "raw log",
        CsvCollectionFile.EventProperties => "event properties file",
        _ => "attribute mapping file",
    };
}
