using System.Globalization;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// The set-based statements of a matching run, in each provider's SQL: one INSERT … SELECT per rule, slot and kind that
/// joins the events of the range with the ledger versions true at each event's time. A slot already matched by an
/// earlier statement keeps its match (INSERT OR IGNORE on SQLite, ON CONFLICT DO NOTHING on PostgreSQL, on the key
/// event + slot), which is what makes the first rule win. Parameters: @from, @to (Unix ms), @policy, @rule, and the
/// rule's pattern parts.
/// </summary>
public sealed class MatchingSql(bool postgreSql)
{
    /// <summary>The order in which a target of undetermined type is looked up: its type becomes the first kind that matches.</summary>
    public static readonly IReadOnlyList<LedgerKind> UndeterminedOrder =
    [
        LedgerKind.Account, LedgerKind.Identity, LedgerKind.Group, LedgerKind.Application, LedgerKind.Permission,
        LedgerKind.Asset, LedgerKind.Repository, LedgerKind.Organisation,
    ];

    public const string DeleteRange = """DELETE FROM "LedgerMatches" WHERE "EventTimeUtc" >= @from AND "EventTimeUtc" < @to""";

    /// <summary>The statements of one rule, in the order they run, each with the parameters it needs besides the run's.</summary>
    public IEnumerable<(string Sql, (string Name, object? Value)[] Parameters)> Statements(MatchingRule rule)
    {
        var pattern = rule.Comparison == RuleComparison.Pattern && MatchingPattern.TryParse(rule.Pattern, out var parsed, out _) ? parsed : null;
        (string Name, object? Value)[] parameters = pattern is null
            ? []
            : [("@prefix", pattern.Prefix), ("@suffix", pattern.Suffix), ("@separator", pattern.Separator)];
        if (rule.EntityType == RuleEntityType.Actor)
        {
            yield return (Statement(rule, pattern, LedgerMatch.ActorSlot, rule.Comparison == RuleComparison.Sid ? LedgerKind.Account : rule.ActorKind), parameters);
            yield break;
        }

        var kinds = rule.EntityType == RuleEntityType.Undetermined
            ? rule.Comparison == RuleComparison.Sid ? [LedgerKind.Account] : UndeterminedOrder
            : [Enum.Parse<LedgerKind>(rule.EntityType.ToString())];
        foreach (var kind in kinds)
        {
            yield return (Statement(rule, pattern, LedgerMatch.TargetSlot, kind), parameters);
        }

        // The second target has no type nor parent of its own: only rules of undetermined type look it up.
        if (rule.EntityType == RuleEntityType.Undetermined)
        {
            foreach (var kind in kinds)
            {
                yield return (Statement(rule, pattern, LedgerMatch.SecondTargetSlot, kind), parameters);
            }
        }
    }

    private string Statement(MatchingRule rule, MatchingPattern? pattern, int slot, LedgerKind kind)
    {
        var (first, second) = slot switch
        {
            LedgerMatch.ActorSlot => ("e.\"Login\"", "e.\"Repository\""),
            LedgerMatch.TargetSlot => ("e.\"TargetName\"", "e.\"TargetParent\""),
            _ => ("e.\"SecondTarget\"", (string?)null),
        };
        var conditions = new List<string> { $"v.\"Kind\" = '{kind}'" };
        if (slot != LedgerMatch.ActorSlot)
        {
            conditions.Add($"{first} IS NOT NULL");
        }

        if (slot == LedgerMatch.TargetSlot && rule.EntityType != RuleEntityType.Undetermined)
        {
            conditions.Add($"e.\"TargetType\" = '{rule.EntityType}'");
        }

        conditions.AddRange(Compare(rule, pattern, first));
        if (rule.CompareParent && second is not null)
        {
            // An event without a parent (NULL) is compared as "", the parent of an entity that has none.
            conditions.Add(rule.Comparison == RuleComparison.Exact
                ? $"v.\"Parent\" = coalesce({second}, '')"
                : $"v.\"ParentFolded\" = lower(coalesce({second}, ''))");
        }

        conditions.Add("v.\"ValidFromUtc\" <= e.\"EventTimeUtc\" AND e.\"EventTimeUtc\" < v.\"ValidToUtc\"");
        var owner = kind == LedgerKind.Account && rule.Display is DisplayMethod.IdentityFullName or DisplayMethod.IdentityEmail;
        var identity = kind switch
        {
            LedgerKind.Identity => "v.\"EntityId\"",
            LedgerKind.Account => "v.\"OwnerId\"",
            _ => "NULL",
        };
        var slotText = slot.ToString(CultureInfo.InvariantCulture);
        return $"""
            {(postgreSql ? "INSERT" : "INSERT OR IGNORE")} INTO "LedgerMatches" ("EventId", "Slot", "EventTimeUtc", "EntityKind", "EntityId", "IdentityId", "DisplayName", "PolicyId", "RuleId")
            SELECT e."Id", {slotText}, e."EventTimeUtc", '{kind}', v."EntityId", {identity}, {Display(rule.Display, kind)}, @policy, @rule
            FROM "AuditEvents" e
            CROSS JOIN "LedgerVersions" v
            {(owner ? "LEFT JOIN \"LedgerVersions\" o ON o.\"EntityId\" = v.\"OwnerId\" AND o.\"ValidFromUtc\" <= e.\"EventTimeUtc\" AND e.\"EventTimeUtc\" < o.\"ValidToUtc\"" : "")}
            WHERE e."EventTimeUtc" >= @from AND e."EventTimeUtc" < @to
                AND {string.Join("\n    AND ", conditions)}
            {(postgreSql ? "ON CONFLICT DO NOTHING" : "")}
            """;
    }

    /// <summary>
    /// The first parameter against the rule's attribute. The join drives from the events: each condition puts the
    /// ledger's column alone on one side, so that it is an index lookup (Kind + the folded column, or Kind + Key + Parent).
    /// </summary>
    private IEnumerable<string> Compare(MatchingRule rule, MatchingPattern? pattern, string value)
    {
        var (column, folded) = rule.Attribute switch
        {
            LedgerAttribute.Name => ("v.\"Name\"", "v.\"NameFolded\""),
            LedgerAttribute.Email => ("v.\"Email\"", "v.\"EmailFolded\""),
            _ => ("v.\"Key\"", "v.\"KeyFolded\""),
        };
        switch (rule.Comparison)
        {
            case RuleComparison.Exact:
                if (rule.Attribute != LedgerAttribute.Key)
                {
                    // Name and e-mail are indexed folded only: look up folded, then keep the exact ones.
                    yield return $"{folded} = lower({value})";
                }

                yield return $"{column} = {value}";
                break;
            case RuleComparison.CaseInsensitive:
                yield return $"{folded} = lower({value})";
                break;
            case RuleComparison.Sid:
                yield return $"v.\"Sid\" = upper({value})";
                break;
            case RuleComparison.Pattern when pattern is not null:
                foreach (var condition in Pattern(pattern, value, folded))
                {
                    yield return condition;
                }

                break;
            default:
                yield return "1 = 0";
                break;
        }
    }

    private IEnumerable<string> Pattern(MatchingPattern pattern, string value, string folded)
    {
        var find = postgreSql ? "strpos" : "instr";
        var atLeast = postgreSql ? "greatest" : "max";
        switch (pattern.Shape)
        {
            case PatternShape.Affixes:
                var prefix = pattern.Prefix.Length.ToString(CultureInfo.InvariantCulture);
                var suffix = pattern.Suffix.Length.ToString(CultureInfo.InvariantCulture);
                yield return $"length({value}) > {prefix} + {suffix}";
                yield return $"lower(substr({value}, 1, {prefix})) = lower(@prefix)";
                yield return $"lower(substr({value}, {atLeast}(length({value}) - {suffix} + 1, 1))) = lower(@suffix)";
                yield return $"{folded} = lower(substr({value}, {prefix} + 1, {atLeast}(length({value}) - {prefix} - {suffix}, 0)))";
                break;
            case PatternShape.AfterSeparator:
                var length = pattern.Separator.Length.ToString(CultureInfo.InvariantCulture);
                yield return $"{find}({value}, @separator) > 0";
                yield return $"{folded} = lower(substr({value}, {find}({value}, @separator) + {length}))";
                break;
            default:
                yield return $"{find}({value}, @separator) > 0";
                yield return $"{folded} = lower(substr({value}, 1, {atLeast}({find}({value}, @separator) - 1, 0)))";
                break;
        }
    }

    private static string Display(DisplayMethod display, LedgerKind kind) => display switch
    {
        DisplayMethod.KeyAndParent => "CASE WHEN v.\"Parent\" = '' THEN v.\"Key\" ELSE v.\"Key\" || ' (' || v.\"Parent\" || ')' END",
        DisplayMethod.IdentityFullName when kind == LedgerKind.Account => "coalesce(o.\"Name\", v.\"Name\")",
        DisplayMethod.IdentityEmail when kind == LedgerKind.Account => "coalesce(o.\"Email\", v.\"Name\")",
        DisplayMethod.IdentityEmail when kind == LedgerKind.Identity => "coalesce(v.\"Email\", v.\"Name\")",
        _ => "v.\"Name\"",
    };
}
