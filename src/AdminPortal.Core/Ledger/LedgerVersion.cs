namespace AdminPortal.Core.Ledger;

/// <summary>
/// What was true of a <see cref="LedgerEntity"/> from <see cref="ValidFromUtc"/> until <see cref="ValidToUtc"/> (excluded).
/// The entity's kind, parent and key are repeated here, with their case-folded forms, so that a matching rule joins one
/// table. Every kind shares the table: one join serves every rule, the CSV layout of a kind says which column is what.
/// </summary>
public sealed class LedgerVersion
{
    /// <summary>The end of a version that is still true.</summary>
    public static readonly DateTime Open = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    public long Id { get; set; }

    public long EntityId { get; set; }

    public LedgerKind Kind { get; set; }

    public string Parent { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>The name shown for it: an identity's full name, otherwise the file's name column or, without one, the key.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-cased by the database's own lower(), as the events' values are when a rule ignores case.</summary>
    public string ParentFolded { get; set; } = "";

    public string KeyFolded { get; set; } = "";

    public string NameFolded { get; set; } = "";

    /// <summary>An account's owner: the identity's entity id.</summary>
    public long? OwnerId { get; set; }

    /// <summary>An account's security identifier (Windows SID), upper-cased.</summary>
    public string? Sid { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public string? EmailFolded { get; set; }

    /// <summary>An identity's organisation code.</summary>
    public string? Organisation { get; set; }

    public DateTime ValidFromUtc { get; set; }

    public DateTime ValidToUtc { get; set; } = Open;

    /// <summary>
    /// Still true. Not <c>ValidToUtc == Open</c> once read back: the database keeps milliseconds, so <see cref="Open"/>
    /// returns as 9999-12-31 23:59:59.999, short of <see cref="DateTime.MaxValue"/>'s last ticks.
    /// </summary>
    public bool IsCurrent => ValidToUtc >= Open.AddMilliseconds(-1);

    /// <summary>The import that made this version.</summary>
    public long SnapshotId { get; set; }
}
