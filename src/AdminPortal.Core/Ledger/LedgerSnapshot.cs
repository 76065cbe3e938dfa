namespace AdminPortal.Core.Ledger;

/// <summary>One import of a kind's CSV file: the whole kind as it stood on <see cref="TakenAtUtc"/>.</summary>
public sealed class LedgerSnapshot
{
    public long Id { get; set; }

    public LedgerKind Kind { get; set; }

    /// <summary>The date the file describes: versions it makes start then, versions it no longer lists end then.</summary>
    public DateTime TakenAtUtc { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public string ImportedBy { get; set; } = "";

    public string FileName { get; set; } = "";

    public int Rows { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Ended { get; set; }
}
