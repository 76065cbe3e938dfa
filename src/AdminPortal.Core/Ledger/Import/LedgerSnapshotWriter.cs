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

    private const string VersionColumns =
        "\"Id\", \"EntityId\", \"Parent\", \"Key\", \"Name\", \"OwnerId\", \"Sid\", \"GivenName\", \"FamilyName\", \"Email\", \"Organisation\", \"ValidFromUtc\"";

    private const string InsertVersion = """
        INSERT INTO "LedgerVersions" ("EntityId", "Kind", "Parent", "Key", "Name", "ParentFolded", "KeyFolded", "NameFolded", "OwnerId", "Sid",
            "GivenName", "FamilyName", "Email", "EmailFolded", "Organisation", "ValidFromUtc", "ValidToUtc", "SnapshotId")
        VALUES (@entity, @kind, @parent, @key, @name, lower(@parent), lower(@key), lower(@name), @owner, @sid,
            @given, @family, @email, lower(@email), @organisation, @from, @open, @snapshot)
        """;

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

    public async Task ApplyAsync(IReadOnlyList<LedgerRow> rows, bool firstSnapshot, Dictionary<string, long> owners,
        Dictionary<(string, string), long> accounts, CancellationToken ct)
    {
        var start = firstSnapshot ? 0 : takenMs;
        var open = new Dictionary<(string, string), OpenVersion>();
        await using (var read = connection.Command(transaction,
            $"SELECT {VersionColumns} FROM \"LedgerVersions\" WHERE \"Kind\" = @kind AND \"ValidToUtc\" = @open", ("@kind", kind), ("@open", OpenMs)))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var version = new OpenVersion(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10),
                    reader.GetInt64(11));
                open[(version.Parent, version.Key)] = version;
            }
        }

        var entities = new Dictionary<(string, string), long>();
        await using (var read = connection.Command(transaction, "SELECT \"Id\", \"Parent\", \"Key\" FROM \"LedgerEntities\" WHERE \"Kind\" = @kind", ("@kind", kind)))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                entities[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
            }
        }

        await using var insertEntity = connection.Command(transaction,
            "INSERT INTO \"LedgerEntities\" (\"Kind\", \"Parent\", \"Key\") VALUES (@kind, @parent, @key) RETURNING \"Id\"", ("@kind", kind));
        await using var insertVersion = connection.Command(transaction, InsertVersion, ("@kind", kind), ("@open", OpenMs), ("@snapshot", snapshotId));
        var groupMembers = new Dictionary<long, HashSet<long>>();
        foreach (var row in rows)
        {
            long? owner = row.Owner is null ? null : owners[row.Owner];
            long entity;
            if (open.Remove((row.Parent, row.Key), out var current))
            {
                entity = current.EntityId;
                if (!current.DiffersFrom(row, owner))
                {
                    groupMembers[entity] = Members(row, accounts);
                    continue;
                }

                Changed++;
                await EndAsync(current, ct);
                await InsertVersionAsync(insertVersion, entity, row, owner, takenMs, ct);
            }
            else
            {
                if (!entities.TryGetValue((row.Parent, row.Key), out entity))
                {
                    insertEntity.Set("@parent", row.Parent);
                    insertEntity.Set("@key", row.Key);
                    entity = Convert.ToInt64(await insertEntity.ExecuteScalarAsync(ct));
                }

                Added++;
                await InsertVersionAsync(insertVersion, entity, row, owner, start, ct);
            }

            groupMembers[entity] = Members(row, accounts);
        }

        foreach (var gone in open.Values)
        {
            Ended++;
            await EndAsync(gone, ct);
        }

        if (layout.Kind == LedgerKind.Group)
        {
            await ApplyMembersAsync(groupMembers, start, ct);
        }
    }

    private static HashSet<long> Members(LedgerRow row, Dictionary<(string, string), long> accounts) =>
        [.. row.Members.Select(m => accounts[(row.Parent, m)])];

    /// <summary>Ends a version at the snapshot's date; one that started on that very date (a file imported again) goes.</summary>
    private Task<int> EndAsync(OpenVersion version, CancellationToken ct) => version.ValidFromMs >= takenMs
        ? connection.ExecuteAsync(transaction, "DELETE FROM \"LedgerVersions\" WHERE \"Id\" = @id", ct, ("@id", version.Id))
        : connection.ExecuteAsync(transaction, "UPDATE \"LedgerVersions\" SET \"ValidToUtc\" = @to WHERE \"Id\" = @id", ct, ("@to", takenMs), ("@id", version.Id));

    private static async Task InsertVersionAsync(DbCommand insert, long entity, LedgerRow row, long? owner, long from, CancellationToken ct)
    {
        insert.Set("@entity", entity);
        insert.Set("@parent", row.Parent);
        insert.Set("@key", row.Key);
        insert.Set("@name", row.Name);
        insert.Set("@owner", owner);
        insert.Set("@sid", row.Sid);
        insert.Set("@given", row.GivenName);
        insert.Set("@family", row.FamilyName);
        insert.Set("@email", row.Email);
        insert.Set("@organisation", row.Organisation);
        insert.Set("@from", from);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Memberships follow the groups: one the file no longer lists ends at its date, a new one starts then.</summary>
    private async Task ApplyMembersAsync(Dictionary<long, HashSet<long>> listed, long start, CancellationToken ct)
    {
        var current = new List<(long Id, long Group, long Account, long From)>();
        await using (var read = connection.Command(transaction,
            """
            SELECT m."Id", m."GroupId", m."AccountId", m."ValidFromUtc" FROM "LedgerGroupMembers" m
            WHERE m."ValidToUtc" = @open
            """, ("@open", OpenMs)))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                current.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        foreach (var membership in current)
        {
            if (listed.TryGetValue(membership.Group, out var members) && members.Remove(membership.Account))
            {
                continue;
            }

            await (membership.From >= takenMs
                ? connection.ExecuteAsync(transaction, "DELETE FROM \"LedgerGroupMembers\" WHERE \"Id\" = @id", ct, ("@id", membership.Id))
                : connection.ExecuteAsync(transaction, "UPDATE \"LedgerGroupMembers\" SET \"ValidToUtc\" = @to WHERE \"Id\" = @id", ct,
                    ("@to", takenMs), ("@id", membership.Id)));
        }

        await using var insert = connection.Command(transaction,
            "INSERT INTO \"LedgerGroupMembers\" (\"GroupId\", \"AccountId\", \"ValidFromUtc\", \"ValidToUtc\") VALUES (@group, @account, @from, @open)",
            ("@open", OpenMs));
        foreach (var (group, members) in listed)
        {
            foreach (var account in members)
            {
                insert.Set("@group", group);
                insert.Set("@account", account);
                insert.Set("@from", start);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
    }

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

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record OpenVersion(long Id, long EntityId, string Parent, string Key, string Name, long? OwnerId, string? Sid,
        string? GivenName, string? FamilyName, string? Email, string? Organisation, long ValidFromMs)
    {
        public bool DiffersFrom(LedgerRow row, long? owner) =>
            Name != row.Name || OwnerId != owner || Sid != row.Sid || GivenName != row.GivenName || FamilyName != row.FamilyName
            || Email != row.Email || Organisation != row.Organisation;
    }
}
