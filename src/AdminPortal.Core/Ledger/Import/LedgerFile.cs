using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>A ledger file as read: its valid rows, the rows rejected, or why nothing was read (a header fault).</summary>
public sealed class LedgerFile
{
    public List<LedgerRow> Rows { get; } = [];

    public CsvRejections Rejections { get; } = new();

    /// <summary>Set when the header is unusable: then nothing else counts.</summary>
    public string? Refusal { get; set; }
}
