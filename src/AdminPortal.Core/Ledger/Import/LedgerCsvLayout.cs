namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// The columns of one kind's CSV file (README.md beside this folder lists them with an example): the header names each
/// column, matched without case, spaces, <c>_</c> or <c>-</c>; a mandatory column must be in the header and filled on
/// every row.
/// </summary>
public sealed record LedgerCsvLayout(LedgerKind Kind, string FileName, IReadOnlyList<(string Header, LedgerColumn Column, bool Mandatory)> Columns)
{
    public static readonly IReadOnlyList<LedgerCsvLayout> All =
    [
        new(LedgerKind.Organisation, "organisations", [("code", LedgerColumn.Key, true), ("name", LedgerColumn.Name, false), ("parent", LedgerColumn.Parent, false)]),
        new(LedgerKind.Identity, "identities", [("hrCode", LedgerColumn.Key, true), ("fullName", LedgerColumn.Name, true),
            ("givenName", LedgerColumn.GivenName, false), ("familyName", LedgerColumn.FamilyName, false), ("email", LedgerColumn.Email, false),
            ("organisation", LedgerColumn.Organisation, false)]),
        new(LedgerKind.Repository, "repositories", [("code", LedgerColumn.Key, true), ("name", LedgerColumn.Name, false)]),
        new(LedgerKind.Account, "accounts", [("login", LedgerColumn.Key, true), ("repository", LedgerColumn.Parent, true),
            ("owner", LedgerColumn.Owner, false), ("sid", LedgerColumn.Sid, false), ("name", LedgerColumn.Name, false)]),
        new(LedgerKind.Group, "groups", [("code", LedgerColumn.Key, true), ("repository", LedgerColumn.Parent, true),
            ("name", LedgerColumn.Name, false), ("members", LedgerColumn.Members, false)]),
        new(LedgerKind.Application, "applications", [("code", LedgerColumn.Key, true), ("name", LedgerColumn.Name, false)]),
        new(LedgerKind.Permission, "permissions", [("code", LedgerColumn.Key, true), ("application", LedgerColumn.Parent, true),
            ("name", LedgerColumn.Name, false)]),
        new(LedgerKind.Asset, "assets", [("code", LedgerColumn.Key, true), ("application", LedgerColumn.Parent, false),
            ("name", LedgerColumn.Name, false)]),
    ];

    /// <summary>The layout of a file named as in the API's path (<c>accounts</c>, <c>identities</c>, …); null for another word.</summary>
    public static LedgerCsvLayout? Find(string fileName) =>
        All.FirstOrDefault(l => string.Equals(l.FileName, fileName, StringComparison.OrdinalIgnoreCase));

    public static LedgerCsvLayout Of(LedgerKind kind) => All.First(l => l.Kind == kind);

    /// <summary>"accounts, groups, …": the words the API's path takes.</summary>
    public static string FileNames => string.Join(", ", All.Select(l => l.FileName));

    /// <summary>A header cell as compared with the layout's names.</summary>
    public static string Normalize(string header) =>
        new([.. header.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-').Select(char.ToLowerInvariant)]);
}
