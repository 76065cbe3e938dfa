namespace AdminPortal.Core.AuditLogs.Collection;

/// <param name="Header">As written in the mapping file, for messages.</param>
/// <param name="Field">The schema's field name (camelCase) for text fields; the kind's name otherwise.</param>
internal sealed record MappedAttribute(string Header, AttributeKind Kind, string Field);
