using System.Globalization;

namespace AdminPortal.Benchmarks;

/// <summary>The command line, and where the run keeps its databases.</summary>
internal sealed record BenchOptions(int Events, string? Db, bool Reuse, string WorkFolder, string? Only = null, string? Postgres = null)
{
    public const int DefaultEvents = 5_000_000;

    /// <summary>The N-event database the explorer figures read: --db, or a file in the work folder.</summary>
    public string EventsDbPath => Db ?? Scratch("events.db");

    public static BenchOptions Parse(string[] args)
    {
        var events = DefaultEvents;
        string? db = null;
        var reuse = false;
        string? only = null;
        string? postgres = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--events" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n >= 1000:
                    events = n;
                    i++;
                    break;
                case "--db" when i + 1 < args.Length:
                    db = Path.GetFullPath(args[++i]);
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "generation" or "explorer" or "exports" or "identity-exports" or "ledger" or "ledger-import" or "ingestion" or "writer" or "postgres" or "postgres-ingestion":
                    only = args[++i];
                    break;
                // A PostgreSQL server the benchmark may create and drop a database "adminportal_bench" on (a superuser's).
                case "--postgres" when i + 1 < args.Length:
                    postgres = args[++i];
                    break;
                case "--reuse":
                    reuse = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}' (--events needs a number of at least 1000; --only names generation, explorer, exports, identity-exports, ledger, ledger-import, ingestion, writer, postgres or postgres-ingestion; --postgres a connection string).");
            }
        }

        if (reuse && (db is null || !File.Exists(db)))
        {
            throw new ArgumentException("--reuse needs --db naming a database that an earlier run generated.");
        }

        return new BenchOptions(events, db, reuse, Path.Combine(Path.GetTempPath(), "adminportal-bench-" + Guid.NewGuid().ToString("N")[..8]), only, postgres);
    }

    /// <summary>Whether the run includes a figure group (--only runs just one of them).</summary>
    public bool Runs(string group) => Only is null
        ? group is not "writer" and not "postgres" || (group == "postgres" && Postgres is not null)
        : Only == group || (group == "postgres" && Only == "postgres-ingestion");

    /// <summary>--only postgres-ingestion: on PostgreSQL, the seeded table and then only the HTTP ingestion figure.</summary>
    public bool IngestionOnly => Only == "postgres-ingestion";

    /// <summary>A file in the work folder, deleted at the end of the run.</summary>
    public string Scratch(string name) => Path.Combine(WorkFolder, name);

    /// <summary>The work folder goes; a database named by --db stays for --reuse.</summary>
    public void CleanUp()
    {
        if (Directory.Exists(WorkFolder))
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
    }
}
