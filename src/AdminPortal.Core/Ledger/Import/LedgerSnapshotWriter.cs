using System.Data.Common;
using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// Applies one kind's snapshot to the ledger's history, inside the caller's transaction: an entity whose attributes
/// changed gets a new version from the snapshot's date (the old one ends then), an entity the file no longer lists ends
/// then, a new entity starts then; an unchanged one is left alone. The first snapshot of a kind also describes the
/// past: its versions start at 1970, so that the events collected before the ledger was first imported match it.
/// </summary>
internal sealed class LedgerSnapshotWriter(DbConnection connection, DbTransaction transaction, LedgerCsvLayout layout, long snapshotId, DateTime takenAtUtc)
{
    private static readonly long OpenMs = LedgerCommands.Ms(LedgerVersion.Open);

    private readonly long takenMs = LedgerCommands.Ms(takenAtUtc);
    private readonly string kind = layout.Kind.ToString();

    public int Added { get; private set; }

    public int Changed { get; private set; }

    public int Ended { get; private set; }

    /// <summary>
    /// The entity ids of the keys a file refers to (an account's owner: identities; a group's members: accounts of its
    /// repository) as of the snapshot's date; the lines that name one the ledger lacks are rejected.
    /// </summary>
    public async Task<(Dictionary<string, long> Owners, Dictionary<(string, string), long> Accounts)> ResolveAsync(
        IReadOnlyList<LedgerRow> rows, CsvRejections rejections, CancellationToken ct)
    {
        var owners = new Dictionary<string, long>(StringComparer.Ordinal);
        var accounts = new Dictionary<(string, string), long>();
        if (rows.Any(r => r.Owner is not null))
        {
            await foreach (var (_, key, entity) in ValidAtAsync(LedgerKind.Identity, ct))
            {
                owners[key] = entity;
            }
        }

        if (rows.Any(r => r.Members.Count > 0))
        {
            await foreach (var (parent, key, entity) in ValidAtAsync(LedgerKind.Account, ct))
            {
                accounts[(parent, key)] = entity;
            }
        }

        foreach (var row in rows)
        {
            var problems = new List<string>();
            if (row.Owner is { } owner && !owners.ContainsKey(owner))
            {
                problems.Add($"owner {owner} is not an identity of the ledger on {takenAtUtc:yyyy-MM-dd} (import the identities first)");
            }

            var unknown = row.Members.Where(m => !accounts.ContainsKey((row.Parent, m))).ToList();
            if (unknown.Count > 0)
            {
                problems.Add($"member(s) {string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "")} " +
                    $"are not accounts of repository {row.Parent} on {takenAtUtc:yyyy-MM-dd} (import the accounts first)");
            }

            if (problems.Count > 0)
            {
                rejections.Reject(row.Line, string.Join("; ", problems));
            }
        }

        rejections.Listed.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (owners, accounts);
    }

    /// <summary>
    /// Applies the rows (all valid) in a few set-based statements over the staged rows (<see cref="LedgerStaging"/>): new
    /// entities, each row's open version and whether it changed, the versions that end (changed, or no longer listed),
    /// the new versions, and a group file's memberships.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<LedgerRow> rows, bool firstSnapshot, Dictionary<string, long> owners,
        Dictionary<(string, string), long> accounts, CancellationToken ct)
    {
        var start = firstSnapshot ? 0 : takenMs;
        await LedgerStaging.FillAsync(connection, transaction, rows, owners, accounts, ct);
        (string, object?)[] at = [("@kind", kind), ("@open", OpenMs), ("@taken", takenMs), ("@start", start), ("@snapshot", snapshotId)];
        await connection.ExecuteAsync(transaction, EntityIds, ct, at);
        if (await connection.ExecuteAsync(transaction, InsertEntities, ct, at) > 0)
        {
            await LedgerStaging.AnalyzeAsync(connection, transaction, ct, "LedgerEntities");
            await connection.ExecuteAsync(transaction, EntityIds, ct, at);
        }

        foreach (var sql in PrepareStatements)
        {
            await connection.ExecuteAsync(transaction, sql, ct, at);
        }

        await LedgerStaging.AnalyzeAsync(connection, transaction, ct, "LedgerIncoming");

        await using (var count = connection.Command(transaction, "SELECT \"Change\", count(*) FROM \"LedgerIncoming\" GROUP BY \"Change\""))
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var n = Convert.ToInt32(reader.GetValue(1));
                if (reader.IsDBNull(0))
                {
                    Added = n;
                }
                else if (Convert.ToInt32(reader.GetValue(0)) == Different)
                {
                    Changed = n;
                }
            }
        }

        // A version that started on this very date (the same date imported again) goes rather than ending as it starts.
        await connection.ExecuteAsync(transaction, EndChanged("DELETE FROM \"LedgerVersions\"", ">="), ct, at);
        await connection.ExecuteAsync(transaction, EndChanged("UPDATE \"LedgerVersions\" SET \"ValidToUtc\" = @taken", "<"), ct, at);
        Ended = await connection.ExecuteAsync(transaction, EndGone("DELETE FROM \"LedgerVersions\"", ">="), ct, at)
            + await connection.ExecuteAsync(transaction, EndGone("UPDATE \"LedgerVersions\" SET \"ValidToUtc\" = @taken", "<"), ct, at);
        await connection.ExecuteAsync(transaction, InsertVersions, ct, at);

        if (layout.Kind == LedgerKind.Group)
        {
            await connection.ExecuteAsync(transaction, MemberGroups, ct, at);
            await LedgerStaging.AnalyzeAsync(connection, transaction, ct, "LedgerIncomingMembers");
            foreach (var sql in MemberStatements)
            {
                await connection.ExecuteAsync(transaction, sql, ct, at);
            }
        }

        await LedgerStaging.DropAsync(connection, transaction, ct);
    }

    private const int Different = 2;

    // UPDATE … FROM: PostgreSQL's, and SQLite's since 3.33. IS NOT DISTINCT FROM: SQLite's since 3.39.
    // No statement joins the table it inserts into: planned with the statistics of an empty table, PostgreSQL would scan
    // the rows the statement itself adds once per row (an INSERT … WHERE NOT EXISTS on LedgerEntities: minutes).
    private const string EntityIds = """
        UPDATE "LedgerIncoming" AS i SET "EntityId" = e."Id" FROM "LedgerEntities" e
        WHERE i."EntityId" IS NULL AND e."Kind" = @kind AND e."Parent" = i."Parent" AND e."Key" = i."Key"
        """;

    private const string InsertEntities = """
        INSERT INTO "LedgerEntities" ("Kind", "Parent", "Key")
        SELECT @kind, i."Parent", i."Key" FROM "LedgerIncoming" i WHERE i."EntityId" IS NULL ORDER BY i."Line"
        """;

    private static readonly string[] PrepareStatements =
    [
        """CREATE INDEX "LedgerIncomingEntity" ON "LedgerIncoming" ("EntityId")""",
        $"""
        UPDATE "LedgerIncoming" AS i SET "OpenId" = v."Id", "OpenFromUtc" = v."ValidFromUtc",
            "Change" = CASE WHEN v."Name" = i."Name" AND v."OwnerId" IS NOT DISTINCT FROM i."OwnerId" AND v."Sid" IS NOT DISTINCT FROM i."Sid"
                AND v."GivenName" IS NOT DISTINCT FROM i."GivenName" AND v."FamilyName" IS NOT DISTINCT FROM i."FamilyName"
                AND v."Email" IS NOT DISTINCT FROM i."Email" AND v."Organisation" IS NOT DISTINCT FROM i."Organisation" THEN 1 ELSE {Different} END
        FROM "LedgerVersions" v WHERE v."EntityId" = i."EntityId" AND v."ValidToUtc" = @open
        """,
    ];

    private static string EndChanged(string verb, string started) => $"""
        {verb} WHERE "Id" IN (SELECT "OpenId" FROM "LedgerIncoming" WHERE "Change" = {Different} AND "OpenFromUtc" {started} @taken)
        """;

    private static string EndGone(string verb, string started) => $"""
        {verb} WHERE "Kind" = @kind AND "ValidToUtc" = @open AND "ValidFromUtc" {started} @taken
            AND NOT EXISTS (SELECT 1 FROM "LedgerIncoming" i WHERE i."EntityId" = "LedgerVersions"."EntityId")
        """;

    // A changed entity's version starts on the snapshot's date; a new one (or one back) at @start (1970 for a kind's first snapshot).
    private const string InsertVersions = """
        INSERT INTO "LedgerVersions" ("EntityId", "Kind", "Parent", "Key", "Name", "ParentFolded", "KeyFolded", "NameFolded", "OwnerId", "Sid",
            "GivenName", "FamilyName", "Email", "EmailFolded", "Organisation", "ValidFromUtc", "ValidToUtc", "SnapshotId")
        SELECT i."EntityId", @kind, i."Parent", i."Key", i."Name", lower(i."Parent"), lower(i."Key"), lower(i."Name"), i."OwnerId", i."Sid",
            i."GivenName", i."FamilyName", i."Email", lower(i."Email"), i."Organisation",
            CASE WHEN i."Change" = 2 THEN @taken ELSE @start END, @open, @snapshot
        FROM "LedgerIncoming" i WHERE i."Change" IS NULL OR i."Change" = 2 ORDER BY i."Line"
        """;

    // Memberships follow the groups: one the file no longer lists ends at its date, a new one starts then (or at @start).
    private const string MemberGroups = """UPDATE "LedgerIncomingMembers" AS m SET "GroupId" = i."EntityId" FROM "LedgerIncoming" i WHERE i."Line" = m."Line" """;

    private static readonly string[] MemberStatements =
    [
        """CREATE INDEX "LedgerIncomingMember" ON "LedgerIncomingMembers" ("GroupId", "AccountId")""",
        EndMembers("DELETE FROM \"LedgerGroupMembers\"", ">="),
        EndMembers("UPDATE \"LedgerGroupMembers\" SET \"ValidToUtc\" = @taken", "<"),
        // What is still open now is what the file lists and was already there: the rest starts.
        """
        UPDATE "LedgerIncomingMembers" AS m SET "Open" = 1 FROM "LedgerGroupMembers" g
        WHERE g."GroupId" = m."GroupId" AND g."AccountId" = m."AccountId" AND g."ValidToUtc" = @open
        """,
        """
        INSERT INTO "LedgerGroupMembers" ("GroupId", "AccountId", "ValidFromUtc", "ValidToUtc")
        SELECT m."GroupId", m."AccountId", @start, @open FROM "LedgerIncomingMembers" m WHERE m."Open" IS NULL
        ORDER BY m."Line", m."AccountId"
        """,
    ];

    private static string EndMembers(string verb, string started) => $"""
        {verb} WHERE "ValidToUtc" = @open AND "ValidFromUtc" {started} @taken
            AND NOT EXISTS (SELECT 1 FROM "LedgerIncomingMembers" m
                WHERE m."GroupId" = "LedgerGroupMembers"."GroupId" AND m."AccountId" = "LedgerGroupMembers"."AccountId")
        """;

    private async IAsyncEnumerable<(string Parent, string Key, long Entity)> ValidAtAsync(LedgerKind of,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var read = connection.Command(transaction,
            """
            SELECT "Parent", "Key", "EntityId" FROM "LedgerVersions"
            WHERE "Kind" = @kind AND "ValidFromUtc" <= @at AND @at < "ValidToUtc"
            """, ("@kind", of.ToString()), ("@at", takenMs));
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }
}
