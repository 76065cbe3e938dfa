using System.Globalization;
using System.Text;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The object name of a scheduled export, relative to the integration's prefix, with tokens: <c>{yyyy} {MM} {dd} {HH}</c>
/// from the event time (UTC) of the rows in the object, <c>{run}</c> (derived from the run's window) and <c>{part}</c>.
/// </summary>
public sealed class ExportUriTemplate
{
    public const string Year = "{yyyy}";
    public const string Month = "{MM}";
    public const string Day = "{dd}";
    public const string Hour = "{HH}";
    public const string Run = "{run}";
    public const string Part = "{part}";

    /// <summary>Every token a template may use, in the order the messages list them.</summary>
    public static readonly IReadOnlyList<string> Tokens = [Year, Month, Day, Hour, Run, Part];

    /// <summary>S3 keys are at most 1024 bytes with the prefix; this leaves room for a prefix and long run ids.</summary>
    public const int MaxLength = 700;

    private readonly List<(string Text, bool IsToken)> pieces;

    private ExportUriTemplate(string text, List<(string Text, bool IsToken)> pieces)
    {
        Text = text;
        this.pieces = pieces;
        var tokens = pieces.Where(p => p.IsToken).Select(p => p.Text).ToHashSet();
        Grain = tokens.Contains(Hour) ? PartitionGrain.Hour
            : tokens.Contains(Day) ? PartitionGrain.Day
            : tokens.Contains(Month) ? PartitionGrain.Month
            : tokens.Contains(Year) ? PartitionGrain.Year
            : PartitionGrain.None;
        var firstToken = text.IndexOf('{');
        var staticPart = firstToken < 0 ? text : text[..firstToken];
        StaticRoot = staticPart.Contains('/') ? staticPart[..(staticPart.LastIndexOf('/') + 1)] : "";
    }

    /// <summary>The template relative to the integration's prefix, as stored.</summary>
    public string Text { get; }

    public PartitionGrain Grain { get; }

    /// <summary>The leading folders that hold no token ("audit/" in "audit/{yyyy}/x-{run}-{part}.csv"); manifests go under it.</summary>
    public string StaticRoot { get; }

    /// <summary>The template a new schedule proposes for a format.</summary>
    public static string Suggested(ExportFormat format, bool gzip) =>
        $"audit_logs/{Year}/{Month}/{Day}/{Hour}/audit_logs-{Run}-{Part}{Extension(format, gzip)}";

    public static string Extension(ExportFormat format, bool gzip) => format switch
    {
        ExportFormat.Csv => ".csv",
        ExportFormat.JsonLines => ".jsonl",
        _ => ".json",
    } + (gzip ? ".gz" : "");

    /// <summary>
    /// Reads what a person typed: a name relative to the integration's destination, or a full URI inside it
    /// (<paramref name="destinationRoot"/>, e.g. <c>s3://bucket/prefix/</c>). Errors are sentences for the form.
    /// </summary>
    public static ExportUriTemplateParse Parse(string? input, string? destinationRoot = null)
    {
        var errors = new List<string>();
        var text = (input ?? "").Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            var root = destinationRoot ?? "";
            if (root.Length == 0 || !text.StartsWith(root, StringComparison.Ordinal))
            {
                return Fail(root.Length == 0
                    ? "Give the object name relative to the integration's destination, not a full URI."
                    : $"The URI must be inside the integration's destination {root}: an export writes only under its bucket and prefix.");
            }

            text = text[root.Length..];
        }

        if (text.Length == 0)
        {
            return Fail($"Give the object name, for example {Suggested(ExportFormat.Csv, gzip: true)}.");
        }

        if (text.Length > MaxLength)
        {
            errors.Add($"The object name has at most {MaxLength} characters.");
        }

        if (text.StartsWith('/'))
        {
            errors.Add("The object name is relative to the integration's prefix: remove the leading \"/\".");
        }

        if (text.EndsWith('/'))
        {
            errors.Add("The object name ends with a folder: add a file name, for example audit_logs-{run}-{part}.csv.gz.");
        }

        if (text.Contains('\\'))
        {
            errors.Add("Use \"/\" between folders, not \"\\\".");
        }

        if (text.Any(char.IsControl))
        {
            errors.Add("The object name contains a control character (a tab or a line break).");
        }

        var segments = text.Split('/');
        if (segments.Any(s => s is "." or ".."))
        {
            errors.Add("\".\" and \"..\" are not allowed as folders: an export stays inside the integration's prefix.");
        }
        else if (segments.Length > 1 && segments[..^1].Any(s => s.Length == 0) && !text.StartsWith('/'))
        {
            errors.Add("The object name has an empty folder (\"//\").");
        }

        var pieces = new List<(string Text, bool IsToken)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                errors.Add($"A \"}}\" without its \"{{\" at position {i + 1}. Allowed tokens: {AllowedList}.");
                break;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i);
            var reopened = text.IndexOf('{', i + 1);
            if (close < 0 || (reopened >= 0 && reopened < close))
            {
                errors.Add($"A \"{{\" is not closed at position {i + 1}. Allowed tokens: {AllowedList}.");
                break;
            }

            var token = text[i..(close + 1)];
            if (!Tokens.Contains(token))
            {
                errors.Add($"Unknown token {token}. Allowed tokens: {AllowedList} (case matters: {{MM}} is the month).");
            }

            if (literal.Length > 0)
            {
                pieces.Add((literal.ToString(), false));
                literal.Clear();
            }

            pieces.Add((token, true));
            i = close;
        }

        if (literal.Length > 0)
        {
            pieces.Add((literal.ToString(), false));
        }

        var used = pieces.Where(p => p.IsToken).Select(p => p.Text).ToHashSet();
        if (!used.Contains(Run))
        {
            errors.Add($"The object name needs {Run}: without it each run would overwrite the objects of the run before.");
        }

        if (!used.Contains(Part))
        {
            errors.Add($"The object name needs {Part}: a large export is split into parts, each its own object.");
        }

        // Each time token needs the coarser ones, or hours of different days would share one name.
        (string Token, string Needs)[] chain = [(Hour, Day), (Day, Month), (Month, Year)];
        foreach (var (token, needs) in chain)
        {
            if (used.Contains(token) && !used.Contains(needs))
            {
                errors.Add($"{token} needs {needs} too: without it, events of different {(needs == Day ? "days" : needs == Month ? "months" : "years")} would share an object name.");
            }
        }

        return errors.Count > 0 ? new ExportUriTemplateParse(null, errors) : new ExportUriTemplateParse(new ExportUriTemplate(text, pieces), []);

        static ExportUriTemplateParse Fail(string message) => new(null, [message]);
    }

    /// <summary>Parses a template that was valid when it was saved.</summary>
    public static ExportUriTemplate FromStored(string text) =>
        Parse(text).Template ?? throw new InvalidOperationException($"The stored object name template \"{text}\" is not valid.");

    /// <summary>The partition an event belongs to: its time (UTC) cut to the template's grain.</summary>
    public DateTime PartitionStart(DateTime eventTimeUtc) => Grain switch
    {
        PartitionGrain.Hour => new DateTime(eventTimeUtc.Year, eventTimeUtc.Month, eventTimeUtc.Day, eventTimeUtc.Hour, 0, 0, DateTimeKind.Utc),
        PartitionGrain.Day => new DateTime(eventTimeUtc.Year, eventTimeUtc.Month, eventTimeUtc.Day, 0, 0, 0, DateTimeKind.Utc),
        PartitionGrain.Month => new DateTime(eventTimeUtc.Year, eventTimeUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        PartitionGrain.Year => new DateTime(eventTimeUtc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => DateTime.MinValue,
    };

    /// <summary>
    /// The first instant after the partition; null when the partition has no end: the whole window is one partition, or
    /// it is the calendar's last (9999-12-31T23, 9999-12-31, 9999-12, 9999), whose end DateTime cannot hold.
    /// </summary>
    public DateTime? PartitionEnd(DateTime partitionStart)
    {
        // One event dated 9999-12-31 made AddHours throw on every run, so the watermark never moved (issue 11).
        var ticksLeft = DateTime.MaxValue.Ticks - partitionStart.Ticks;
        return Grain switch
        {
            PartitionGrain.Hour => ticksLeft < TimeSpan.TicksPerHour ? null : partitionStart.AddHours(1),
            PartitionGrain.Day => ticksLeft < TimeSpan.TicksPerDay ? null : partitionStart.AddDays(1),
            PartitionGrain.Month => partitionStart is { Year: 9999, Month: 12 } ? null : partitionStart.AddMonths(1),
            PartitionGrain.Year => partitionStart.Year == 9999 ? null : partitionStart.AddYears(1),
            _ => null,
        };
    }

    /// <summary>
    /// The same names with one object per day instead of per hour (<c>{HH}</c> and its folder or separator removed),
    /// which the form suggests for windows of more than a few days; null when the template is not hourly.
    /// </summary>
    public string? Daily()
    {
        if (Grain != PartitionGrain.Hour)
        {
            return null;
        }

        // With the separator before it ("{dd}/{HH}/x" → "{dd}/x"), or the one after when it opens the name.
        const string separators = "/-_T.";
        var at = Text.IndexOf(Hour, StringComparison.Ordinal);
        var (start, end) = at > 0 && separators.Contains(Text[at - 1]) ? (at - 1, at + Hour.Length)
            : at == 0 && Text.Length > Hour.Length && separators.Contains(Text[Hour.Length]) ? (0, Hour.Length + 1)
            : (at, at + Hour.Length);
        var daily = Text[..start] + Text[end..];
        return Parse(daily).Template is { Grain: PartitionGrain.Day } ? daily : null;
    }

    /// <summary>The object key (relative to the prefix) of one part of one partition.</summary>
    public string Render(DateTime partitionStartUtc, string run, int part)
    {
        var sb = new StringBuilder(Text.Length + 32);
        foreach (var (text, isToken) in pieces)
        {
            sb.Append(!isToken ? text : text switch
            {
                Year => partitionStartUtc.Year.ToString("D4", CultureInfo.InvariantCulture),
                Month => partitionStartUtc.Month.ToString("D2", CultureInfo.InvariantCulture),
                Day => partitionStartUtc.Day.ToString("D2", CultureInfo.InvariantCulture),
                Hour => partitionStartUtc.Hour.ToString("D2", CultureInfo.InvariantCulture),
                Run => run,
                _ => part.ToString("D4", CultureInfo.InvariantCulture),
            });
        }

        return sb.ToString();
    }

    /// <summary>Where a run's manifest goes: beside the data, under the template's token-free folders.</summary>
    public string ManifestKey(string run) => $"{StaticRoot}_manifests/{run}.json";

    /// <summary>The root that full URIs typed into the form must start with (the integration's bucket and prefix).</summary>
    public static string DestinationRoot(StorageIntegration integration)
    {
        var prefix = (integration.Prefix ?? "").Trim().Trim('/');
        var folder = prefix.Length == 0 ? "" : prefix + "/";
        return integration.Cloud switch
        {
            IntegrationCloud.Aws => $"s3://{integration.Bucket}/{folder}",
            IntegrationCloud.Azure => $"azure://{integration.AccountName}/{integration.Bucket}/{folder}",
            _ => $"gs://{integration.Bucket}/{folder}",
        };
    }

    /// <summary>The live preview under the form's field: the full object name of part 1 for an event now, or the first error.</summary>
    public static ExportUriPreview Preview(string? input, StorageIntegration integration, DateTime nowUtc)
    {
        var root = DestinationRoot(integration);
        var parsed = Parse(input, root);
        if (parsed.Template is not { } template)
        {
            return new ExportUriPreview(null, parsed.Errors);
        }

        var sampleRun = ExportRunTokens.Incremental(0, 1234);
        return new ExportUriPreview(root + template.Render(template.PartitionStart(nowUtc), sampleRun, 1), []);
    }

    private static string AllowedList => string.Join(", ", Tokens);
}
