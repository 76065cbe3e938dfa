namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>The three files of one Brainwave-style CSV collection, and what makes the raw log itself recognisable.</summary>
/// <param name="RawLog">The raw log: comma separated, with a header row.</param>
/// <param name="EventProperties">The event properties file: <c>eventid;message;category;subcategory;1;2;…</c>.</param>
/// <param name="AttributeMapping">The attribute mapping file: a header of audit attributes, then one row of templates per event id.</param>
/// <param name="FileIdentity">
/// Names the raw log (e.g. its datasource and file name): part of the id of events whose mapping gives none, so that
/// collecting the same file again produces the same ids and the store ignores them.
/// </param>
public sealed record CsvCollectionInput(Stream RawLog, Stream EventProperties, Stream AttributeMapping, string FileIdentity);
