using System.Globalization;

namespace AdminPortal.Core.AuditLogs.Demo;

/// <summary>
/// Realistic-looking audit events for a fresh install: several families and sources, a few hundred people
/// (a few very active, most rare), some failures, spread over the last days. Deterministic for a given seed.
/// </summary>
public sealed class DemoDataGenerator(int seed = 42)
{
    private static readonly string[] FirstNames = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yara"];
    private static readonly string[] LastNames = ["martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david"];

    private sealed record Source(string Datasource, string Family, string Repository, string Category, (string Code, string Label, string Action, AuditTargetType Target, string[] Targets)[] Kinds);

    private static readonly Source[] Sources =
    [
        new("snowflake", "database", "snowflake-prod", "query",
        [
            ("QUERY", "Query executed", "select", AuditTargetType.Asset, ["SALES.PUBLIC.ORDERS", "SALES.PUBLIC.CUSTOMERS", "HR.CORE.SALARIES", "FIN.LEDGER.ENTRIES", "MKT.WEB.SESSIONS"]),
            ("UPDATE", "Rows updated", "update", AuditTargetType.Asset, ["SALES.PUBLIC.ORDERS", "FIN.LEDGER.ENTRIES"]),
            ("GRANT", "Privilege granted", "grant", AuditTargetType.Permission, ["ROLE ANALYST", "ROLE FINANCE_RO", "ROLE SYSADMIN"]),
        ]),
        new("active-directory", "directory", "corp.example", "system",
        [
            ("4624", "An account was successfully logged on", "login", AuditTargetType.Account, ["WKS-0142", "SRV-FILE01", "SRV-DC02", "VPN-GW"]),
            ("4720", "A user account was created", "create", AuditTargetType.Account, ["svc-backup", "contractor-17", "intern-2026"]),
            ("4728", "A member was added to a security group", "add_member", AuditTargetType.Group, ["Domain Admins", "Finance", "VPN Users"]),
        ]),
        new("okta", "identity", "okta-corp", "system",
        [
            ("user.session.start", "User login to Okta", "login", AuditTargetType.Application, ["Okta Dashboard", "Salesforce", "GitHub", "Workday"]),
            ("user.mfa.factor.update", "MFA factor updated", "update", AuditTargetType.Identity, ["totp", "webauthn", "sms"]),
        ]),
        new("aws-cloudtrail", "cloud", "aws-123456789012", "system",
        [
            ("PutObject", "Object uploaded", "write", AuditTargetType.Asset, ["s3://finance-reports/2026/", "s3://backups/db/", "s3://public-site/"]),
            ("AssumeRole", "Role assumed", "assume_role", AuditTargetType.Permission, ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/ReadOnly"]),
            ("DeleteBucket", "Bucket deleted", "delete", AuditTargetType.Asset, ["tmp-exports", "old-logs"]),
        ]),
        new("github", "application", "github.com/corp", "custom",
        [
            ("repo.push", "Commits pushed", "write", AuditTargetType.Repository, ["corp/payments", "corp/website", "corp/infra"]),
            ("org.update_member", "Member role changed", "update", AuditTargetType.Organisation, ["corp"]),
        ]),
    ];

    /// <summary>Events with event times over the <paramref name="days"/> before <paramref name="nowUtc"/>, oldest first.</summary>
    public IEnumerable<AuditEvent> Generate(int count, DateTime nowUtc, int days = 30)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(0, 300)
            .Select(i => $"{FirstNames[i % FirstNames.Length]}.{LastNames[(i / FirstNames.Length + i) % LastNames.Length]}{(i >= 200 ? i.ToString(CultureInfo.InvariantCulture) : "")}")
            .ToArray();
        var start = nowUtc.AddDays(-days);
        var spanMs = (long)(nowUtc - start).TotalMilliseconds;
        var stepMs = Math.Max(1, spanMs / Math.Max(1, count));
        var runId = random.Next().ToString("x8", CultureInfo.InvariantCulture);

        for (var i = 0; i < count; i++)
        {
            // Evenly spaced with jitter inside each step: the events stay in time order.
            var time = start.AddMilliseconds(i * stepMs + random.NextInt64(stepMs));
            var source = Sources[Pick(random, Sources.Length, skew: true)];
            var kind = source.Kinds[Pick(random, source.Kinds.Length, skew: true)];
            var person = people[Pick(random, people.Length, skew: true)];
            var failed = random.Next(100) < (kind.Action == "login" ? 12 : 4);
            var target = kind.Targets[random.Next(kind.Targets.Length)];
            var ip = $"10.{random.Next(4)}.{random.Next(256)}.{random.Next(1, 255)}";
            yield return new AuditEvent
            {
                EventId = $"demo-{runId}-{i:D9}",
                EventTimeUtc = time,
                Tenant = "corp",
                Datasource = source.Datasource,
                Family = source.Family,
                WhereSource = ip,
                WhereDestination = source.Repository,
                Login = person + "@corp.example",
                Repository = source.Repository,
                Identity = ToDisplayName(person),
                Session = "s-" + (i / 7).ToString("x6", CultureInfo.InvariantCulture),
                Category = source.Category,
                Code = kind.Code,
                CodeLabel = kind.Label,
                Action = kind.Action,
                Payload = kind.Action == "select" ? $"SELECT * FROM {target} WHERE region = 'EU' LIMIT {random.Next(10, 5000)}" : null,
                Status = failed ? AuditEventStatus.Fail : AuditEventStatus.Success,
                Count = kind.Action == "select" ? random.Next(1, 5000) : 1,
                DisplayLabel = $"{ToDisplayName(person)} {kind.Label.ToLowerInvariant()} on {target}",
                TargetType = kind.Target,
                TargetName = target,
                TargetParent = source.Repository,
                OldValue = kind.Action == "update" ? "v" + random.Next(1, 9) : null,
                NewValue = kind.Action == "update" ? "v" + random.Next(10, 19) : null,
                RawJson = null,
            };
        }
    }

    /// <summary>A few values are common and most are rare, as in real logs.</summary>
    private static int Pick(Random random, int length, bool skew)
    {
        if (!skew)
        {
            return random.Next(length);
        }

        var x = random.NextDouble();
        return Math.Min(length - 1, (int)(x * x * length));
    }

    private static string ToDisplayName(string person)
    {
        var parts = person.Split('.');
        return string.Join(" ", parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
