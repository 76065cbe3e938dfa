using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// A snapshot's rows in temporary tables of the import's own transaction, so that <see cref="LedgerSnapshotWriter"/>
/// applies them with a few set-based statements instead of a round trip per row: on PostgreSQL by binary COPY (as the
/// audit events are written, <see cref="AuditLogs.PostgreSqlAuditWriteSession"/>), on SQLite by one prepared INSERT per
/// row (in-process, no round trip). <c>LedgerIncoming</c> holds the rows (with their owner resolved); the writer fills
/// its entity, open version and change columns. <c>LedgerIncomingMembers</c> holds a group file's memberships.
/// </summary>
internal static class LedgerStaging
{
    private const string RowColumns = "\"Line\", \"Parent\", \"Key\", \"Name\", \"OwnerId\", \"Sid\", \"GivenName\", \"FamilyName\", \"Email\", \"Organisation\"";

    // Change: null = no open version (the entity is new, or comes back), 1 = unchanged, 2 = changed.
    private const string IncomingColumns = """
        ("Line" integer PRIMARY KEY, "Parent" text NOT NULL, "Key" text NOT NULL, "Name" text NOT NULL, "OwnerId" bigint, "Sid" text,
         "GivenName" text, "FamilyName" text, "Email" text, "Organisation" text, "EntityId" bigint, "OpenId" bigint, "OpenFromUtc" bigint,
         "Change" integer)
        """;

    // Open: 1 when the membership is open already (and stays).
    private const string MemberColumns = "(\"Line\" integer NOT NULL, \"AccountId\" bigint NOT NULL, \"GroupId\" bigint, \"Open\" integer)";

    /// <summary>Creates the temporary tables and fills them with the file's rows (and a group file's memberships).</summary>
    public static async Task FillAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerRow> rows,
        Dictionary<string, long> owners, Dictionary<(string, string), long> accounts, CancellationToken ct)
    {
        var members = rows.SelectMany(r => r.Members.Select(m => accounts[(r.Parent, m)]).Distinct().Select(a => (r.Line, Account: a))).ToList();
        if (connection is NpgsqlConnection postgres)
        {
            // Dropped with the transaction's end, committed or not.
            await connection.ExecuteAsync(transaction,
                $"CREATE TEMP TABLE \"LedgerIncoming\" {IncomingColumns} ON COMMIT DROP; CREATE TEMP TABLE \"LedgerIncomingMembers\" {MemberColumns} ON COMMIT DROP", ct);
            await CopyRowsAsync(postgres, rows, owners, ct);
            await CopyMembersAsync(postgres, members, ct);
            await AnalyzeAsync(connection, transaction, ct, "LedgerIncoming", "LedgerIncomingMembers", "LedgerEntities", "LedgerVersions", "LedgerGroupMembers");
            return;
        }

        // SQLite's temporary tables last as long as the (pooled) connection: made anew, dropped by DropAsync.
        await connection.ExecuteAsync(transaction,
            $"""
            DROP TABLE IF EXISTS temp."LedgerIncoming"; DROP TABLE IF EXISTS temp."LedgerIncomingMembers";
            CREATE TEMP TABLE "LedgerIncoming" {IncomingColumns}; CREATE TEMP TABLE "LedgerIncomingMembers" {MemberColumns}
            """, ct);
        await using (var insert = connection.Command(transaction,
            $"INSERT INTO temp.\"LedgerIncoming\" ({RowColumns}) VALUES (@line, @parent, @key, @name, @owner, @sid, @given, @family, @email, @organisation)"))
        {
            foreach (var row in rows)
            {
                insert.Set("@line", row.Line);
                insert.Set("@parent", row.Parent);
                insert.Set("@key", row.Key);
                insert.Set("@name", row.Name);
                insert.Set("@owner", row.Owner is null ? null : owners[row.Owner]);
                insert.Set("@sid", row.Sid);
                insert.Set("@given", row.GivenName);
                insert.Set("@family", row.FamilyName);
                insert.Set("@email", row.Email);
                insert.Set("@organisation", row.Organisation);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await using var insertMember = connection.Command(transaction, "INSERT INTO temp.\"LedgerIncomingMembers\" (\"Line\", \"AccountId\") VALUES (@line, @account)");
        foreach (var (line, account) in members)
        {
            insertMember.Set("@line", line);
            insertMember.Set("@account", account);
            await insertMember.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// On PostgreSQL, fresh statistics of tables the next statements join: autovacuum never sees temporary tables, and a
    /// kind's first snapshot adds rows of a Kind value the ledger's statistics have not seen yet, which the planner takes
    /// for one row (a nested loop over 300,000 rows, each scanning the table: minutes instead of a second). SQLite's
    /// planner trusts its indexes without statistics.
    /// </summary>
    public static async Task AnalyzeAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct, params string[] tables)
    {
        if (connection is NpgsqlConnection)
        {
            await connection.ExecuteAsync(transaction, "ANALYZE " + string.Join(", ", tables.Select(t => "\"" + t + "\"")), ct);
        }
    }

    /// <summary>On SQLite, drops the tables before the commit (PostgreSQL drops them at its end).</summary>
    public static async Task DropAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (connection is not NpgsqlConnection)
        {
            await connection.ExecuteAsync(transaction, "DROP TABLE temp.\"LedgerIncoming\"; DROP TABLE temp.\"LedgerIncomingMembers\"", ct);
        }
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, IReadOnlyList<LedgerRow> rows, Dictionary<string, long> owners, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"LedgerIncoming\" ({RowColumns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            // Synchronous writes: they only fill the importer's buffer, and flush it when full.
            importer.StartRow();
            importer.Write(row.Line, NpgsqlDbType.Integer);
            importer.Write(row.Parent, NpgsqlDbType.Text);
            importer.Write(row.Key, NpgsqlDbType.Text);
            importer.Write(row.Name, NpgsqlDbType.Text);
            if (row.Owner is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(owners[row.Owner], NpgsqlDbType.Bigint);
            }

            foreach (var text in new[] { row.Sid, row.GivenName, row.FamilyName, row.Email, row.Organisation })
            {
                if (text is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(text, NpgsqlDbType.Text);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task CopyMembersAsync(NpgsqlConnection connection, List<(int Line, long Account)> members, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync("COPY \"LedgerIncomingMembers\" (\"Line\", \"AccountId\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (line, account) in members)
        {
            importer.StartRow();
            importer.Write(line, NpgsqlDbType.Integer);
            importer.Write(account, NpgsqlDbType.Bigint);
        }

        await importer.CompleteAsync(ct);
    }
}
