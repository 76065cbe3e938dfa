using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>Raised while reading a definition file; becomes the result's <see cref="CsvCollectionResult.Refusal"/>.</summary>
internal sealed class CsvDefinitionException(CsvCollectionFile file, int line, string reason) : Exception(reason)
{
    // Cut: a reason may list a header or quote a cell of any length (a 20 MB header made a 20 MB error).
    public CsvDefinitionError Error { get; } = new(file, line, JsonValues.Shorten(reason, CsvCollectionResult.MaxReasonLength - 1));
}
