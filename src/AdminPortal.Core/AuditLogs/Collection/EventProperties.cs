namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>One row of the event properties file: the event's message, category, subcategory and parameter names.</summary>
/// <param name="ParameterNames">The names of positional parameters 1, 2, …: index 0 names parameter 1.</param>
internal sealed record EventProperties(string EventId, string Message, string Category, string Subcategory, IReadOnlyList<string> ParameterNames);
