namespace AdminPortal.Core.Exports;

/// <summary>An uploaded object is not listed with the size that was sent; the object is written again.</summary>
public sealed class ExportVerificationException(string message) : Exception(message);
