namespace AdminPortal.Core.Exports;

/// <summary>The export cannot run as set up (its element or integration is gone); the message says what to change.</summary>
public sealed class ExportSetupException(string message) : Exception(message);
