namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>Which of the collection's files a <see cref="CsvDefinitionError"/> is in.</summary>
public enum CsvCollectionFile
{
    RawLog,
    EventProperties,
    AttributeMapping,
}
