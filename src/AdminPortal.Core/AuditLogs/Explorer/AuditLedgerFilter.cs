namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The explorer's ledger filters, the same SQL on SQLite and PostgreSQL: a correlated EXISTS on the matches' key
/// (EventId, Slot), so that each event read in index order costs one primary-key probe of at most three rows and a
/// page stops as soon as it is full.
/// </summary>
internal static class AuditLedgerFilter
{
    /// <param name="alias">The events' alias with its dot ("e."), or "" when the statement names the table itself.</param>
    /// <param name="param">Adds a parameter to the command and returns its placeholder.</param>
    public static IEnumerable<string> Clauses(AuditQuery query, string alias, Func<object, string> param)
    {
        var id = (alias.Length == 0 ? "\"AuditEvents\"." : alias) + "\"Id\"";
        if (query.IdentityId is { } entity)
        {
            var p = param(entity);
            // The identity behind a match (an account's owner as of the event) or the entity itself (a group, an account).
            yield return $"EXISTS (SELECT 1 FROM \"LedgerMatches\" lm WHERE lm.\"EventId\" = {id} AND (lm.\"IdentityId\" = {p} OR lm.\"EntityId\" = {p}))";
        }

        if (query.ActorUnmatched)
        {
            yield return $"NOT EXISTS (SELECT 1 FROM \"LedgerMatches\" lm WHERE lm.\"EventId\" = {id} AND lm.\"Slot\" = 0)";
        }
    }
}
