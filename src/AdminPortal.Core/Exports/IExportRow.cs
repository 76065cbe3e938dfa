namespace AdminPortal.Core.Exports;

/// <summary>
/// One event as the serializers read it: each export column in its stored form (times as Unix milliseconds, numbers as
/// integers, text and enum names as UTF-8), by its index in the export's columns. The database reader hands out
/// SQLite's own bytes, so an export creates no string and no object per event.
/// </summary>
public interface IExportRow
{
    /// <summary>A time (Unix milliseconds) or number column; false when it is NULL.</summary>
    bool TryGetInt64(int column, out long value);

    /// <summary>A text or enum column's UTF-8 bytes, valid until the next row; false when it is NULL.</summary>
    bool TryGetUtf8(int column, out ReadOnlySpan<byte> value);
}
