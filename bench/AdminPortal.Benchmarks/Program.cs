using System.Diagnostics;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;

var mode = args.FirstOrDefault() ?? "gen";
var n = args.Length > 1 ? int.Parse(args[1]) : 200_000;
if (mode == "gen")
{
    var w = Stopwatch.StartNew();
    var count = 0;
    foreach (var e in new DemoDataGenerator().Generate(n, DateTime.UtcNow)) { count += e.Login.Length > 0 ? 1 : 0; }
    Console.WriteLine($"generate {n}: {w.Elapsed.TotalSeconds:N2}s ({n / w.Elapsed.TotalSeconds:N0}/s)");
}
else if (mode == "store")
{
    var path = args[2];
    var events = new DemoDataGenerator().Generate(n, DateTime.UtcNow).ToList();
    var writer = new AuditEventWriter(Options.Create(new DatabaseOptions { Path = path }), TimeProvider.System);
    var w = Stopwatch.StartNew();
    var r = await writer.StoreAsync(events);
    Console.WriteLine($"store {r.Stored}: {w.Elapsed.TotalSeconds:N2}s ({n / w.Elapsed.TotalSeconds:N0}/s)");
}
if (mode == "raw")
{
    var path = args[2];
    using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
    c.Open();
    using (var p = c.CreateCommand()) { p.CommandText = "PRAGMA cache_size=-262144; PRAGMA synchronous=NORMAL;"; p.ExecuteNonQuery(); }
    foreach (var variant in new[] { "noop", "simple" })
    {
        using var t = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = t;
        cmd.CommandText = variant == "noop" ? "SELECT $a, $b" : "INSERT INTO AuditEvents (EventId, EventTimeUtc, IngestedAtUtc, Datasource, Family, Login, Repository, Code, CodeLabel, Action, Count) VALUES ($a, $b, 0, 'd', 'f', 'l', 'r', 'c', 'cl', 'a', 1)";
        var pa = cmd.Parameters.Add("$a", Microsoft.Data.Sqlite.SqliteType.Text);
        var pb = cmd.Parameters.Add("$b", Microsoft.Data.Sqlite.SqliteType.Integer);
        cmd.Prepare();
        var w = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) { pa.Value = variant + Guid.NewGuid(); pb.Value = (long)i; cmd.ExecuteNonQuery(); }
        Console.WriteLine($"{variant} {n}: {w.Elapsed.TotalSeconds:N2}s ({n / w.Elapsed.TotalSeconds:N0}/s)");
        t.Rollback();
    }
}
if (mode == "query")
{
    var reader = new AdminPortal.Core.AuditLogs.Explorer.AuditEventReader(Options.Create(new DatabaseOptions { Path = args[2] }));
    var state = new AdminPortal.Core.AuditLogs.Explorer.ExplorerState { Range = "30d" };
    var w = Stopwatch.StartNew();
    var page = await reader.PageAsync(state.ToQuery(DateTime.UtcNow));
    Console.WriteLine($"rows {page.Rows.Count} total {page.Total} in {w.ElapsedMilliseconds} ms; first {page.Rows.FirstOrDefault()?.EventTimeUtc:o}");
}
