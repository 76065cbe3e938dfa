using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Tests.Exports;

public sealed class ExportUriTemplateTests
{
    private static readonly StorageIntegration S3 = new() { Cloud = IntegrationCloud.Aws, Bucket = "acme-audit", Prefix = "portal/" };

    private static ExportUriTemplate Valid(string text)
    {
        var parsed = ExportUriTemplate.Parse(text);
        Assert.True(parsed.IsValid, string.Join(" ", parsed.Errors));
        return parsed.Template!;
    }

    private static string OnlyError(string text, string? root = null) => Assert.Single(ExportUriTemplate.Parse(text, root).Errors);

    [Fact]
    public void Rendering_fills_the_time_tokens_from_the_partition_and_pads_the_part()
    {
        var template = Valid("audit/{yyyy}/{MM}/{dd}/{HH}/events-{run}-{part}.csv.gz");

        var key = template.Render(new DateTime(2026, 3, 7, 9, 0, 0, DateTimeKind.Utc), "i1-500", 2);

        Assert.Equal("audit/2026/03/07/09/events-i1-500-0002.csv.gz", key);
    }

    [Fact]
    public void An_unknown_token_is_named_with_the_list_of_allowed_tokens()
    {
        var error = OnlyError("audit/{yyyy}/{mm}/x-{run}-{part}.csv");

        Assert.Contains("Unknown token {mm}", error);
        Assert.Contains("{yyyy}, {MM}, {dd}, {HH}, {run}, {part}", error);
    }

    [Theory]
    [InlineData("/audit/x-{run}-{part}.csv", "leading \"/\"")]
    [InlineData("audit/../x-{run}-{part}.csv", "\"..\"")]
    [InlineData("audit//x-{run}-{part}.csv", "empty folder")]
    [InlineData("audit/x-{run}-{part}/", "add a file name")]
    [InlineData("audit/x-{run-{part}.csv", "not closed")]
    public void A_name_that_would_leave_the_prefix_or_is_malformed_is_refused_with_a_reason(string text, string expected)
    {
        Assert.Contains(ExportUriTemplate.Parse(text).Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_and_part_are_required_so_runs_and_parts_never_overwrite_each_other()
    {
        var errors = ExportUriTemplate.Parse("audit/{yyyy}/events.csv").Errors;

        Assert.Contains(errors, e => e.Contains("needs {run}"));
        Assert.Contains(errors, e => e.Contains("needs {part}"));
    }

    [Fact]
    public void An_hour_without_its_day_is_refused_because_days_would_share_names()
    {
        Assert.Contains("{HH} needs {dd}", OnlyError("audit/{yyyy}/{MM}/{HH}/x-{run}-{part}.csv"));
    }

    [Fact]
    public void A_full_uri_inside_the_integrations_destination_is_kept_relative()
    {
        var root = ExportUriTemplate.DestinationRoot(S3);

        var parsed = ExportUriTemplate.Parse("s3://acme-audit/portal/daily/{yyyy}-{MM}-{dd}-{run}-{part}.jsonl", root);

        Assert.Equal("s3://acme-audit/portal/", root);
        Assert.Equal("daily/{yyyy}-{MM}-{dd}-{run}-{part}.jsonl", parsed.Template!.Text);
    }

    [Fact]
    public void A_uri_outside_the_integrations_destination_is_refused()
    {
        var error = OnlyError("s3://other-bucket/portal/x-{run}-{part}.csv", ExportUriTemplate.DestinationRoot(S3));

        Assert.Contains("inside the integration's destination s3://acme-audit/portal/", error);
    }

    [Theory]
    [InlineData("a/{yyyy}/{MM}/{dd}/{HH}/x-{run}-{part}", PartitionGrain.Hour, "2026-03-07T09:00:00", "2026-03-07T10:00:00")]
    [InlineData("a/{yyyy}/{MM}/{dd}/x-{run}-{part}", PartitionGrain.Day, "2026-03-07T00:00:00", "2026-03-08T00:00:00")]
    [InlineData("a/{yyyy}/{MM}/x-{run}-{part}", PartitionGrain.Month, "2026-03-01T00:00:00", "2026-04-01T00:00:00")]
    [InlineData("a/{yyyy}/x-{run}-{part}", PartitionGrain.Year, "2026-01-01T00:00:00", "2027-01-01T00:00:00")]
    public void The_finest_time_token_sets_the_partition(string text, PartitionGrain grain, string start, string end)
    {
        var template = Valid(text);
        var partition = template.PartitionStart(new DateTime(2026, 3, 7, 9, 41, 12, DateTimeKind.Utc));

        Assert.Equal(grain, template.Grain);
        Assert.Equal(DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), partition);
        Assert.Equal(DateTime.Parse(end, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), template.PartitionEnd(partition));
    }

    [Theory]
    [InlineData("a/{yyyy}/{MM}/{dd}/{HH}/x-{run}-{part}", "9999/12/31/23")]
    [InlineData("a/{yyyy}/{MM}/{dd}/x-{run}-{part}", "9999/12/31")]
    [InlineData("a/{yyyy}/{MM}/x-{run}-{part}", "9999/12")]
    [InlineData("a/{yyyy}/x-{run}-{part}", "9999")]
    public void The_last_partition_of_the_calendar_has_no_end_instead_of_overflowing(string text, string folders)
    {
        var template = Valid(text);

        var partition = template.PartitionStart(DateTime.MaxValue);

        Assert.Null(template.PartitionEnd(partition));
        Assert.Equal($"a/{folders}/x-r-0001", template.Render(partition, "r", 1));
    }

    [Theory]
    [InlineData("a/{yyyy}/{MM}/{dd}/{HH}/x-{run}-{part}", "0001-01-01T01:00:00")]
    [InlineData("a/{yyyy}/{MM}/{dd}/x-{run}-{part}", "0001-01-02T00:00:00")]
    [InlineData("a/{yyyy}/{MM}/x-{run}-{part}", "0001-02-01T00:00:00")]
    [InlineData("a/{yyyy}/x-{run}-{part}", "0002-01-01T00:00:00")]
    public void The_first_partition_of_the_calendar_starts_at_DateTime_MinValue_and_ends_an_interval_later(string text, string end)
    {
        var template = Valid(text);

        var partition = template.PartitionStart(DateTime.MinValue);

        Assert.Equal(DateTime.MinValue, partition);
        Assert.Equal(DateTime.Parse(end, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            template.PartitionEnd(partition));
    }

    [Theory]
    [InlineData("a/{yyyy}/{MM}/{dd}/{HH}/x-{run}-{part}", 9999, 12, 31, 22)]
    [InlineData("a/{yyyy}/{MM}/{dd}/x-{run}-{part}", 9999, 12, 30, 0)]
    [InlineData("a/{yyyy}/{MM}/x-{run}-{part}", 9999, 11, 1, 0)]
    [InlineData("a/{yyyy}/x-{run}-{part}", 9998, 1, 1, 0)]
    public void The_partition_before_the_last_still_ends_where_the_last_begins(string text, int year, int month, int day, int hour)
    {
        var template = Valid(text);

        var partition = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc);

        Assert.Equal(template.PartitionStart(DateTime.MaxValue), template.PartitionEnd(partition));
    }

    [Fact]
    public void Without_time_tokens_the_whole_window_is_one_partition()
    {
        var template = Valid("flat/x-{run}-{part}.csv");

        Assert.Equal(PartitionGrain.None, template.Grain);
        Assert.Null(template.PartitionEnd(template.PartitionStart(DateTime.UtcNow)));
    }

    [Fact]
    public void The_manifest_goes_under_the_folders_without_tokens()
    {
        Assert.Equal("audit/_manifests/i1-9.json", Valid("audit/{yyyy}/{MM}/x-{run}-{part}.csv").ManifestKey("i1-9"));
        Assert.Equal("_manifests/i1-9.json", Valid("{yyyy}/x-{run}-{part}.csv").ManifestKey("i1-9"));
    }

    [Fact]
    public void The_preview_shows_the_full_object_name_or_the_error()
    {
        var now = new DateTime(2026, 11, 22, 14, 5, 0, DateTimeKind.Utc);

        var preview = ExportUriTemplate.Preview("logs/{yyyy}/{MM}/{dd}/{HH}/a-{run}-{part}.csv", S3, now);
        var broken = ExportUriTemplate.Preview("logs/{day}/a-{run}-{part}.csv", S3, now);

        Assert.Equal("s3://acme-audit/portal/logs/2026/11/22/14/a-i1-1234-0001.csv", preview.ObjectName);
        Assert.Null(broken.ObjectName);
        Assert.Contains("Unknown token {day}", Assert.Single(broken.Errors));
    }

    [Fact]
    public void Run_tokens_name_the_window_not_the_attempt()
    {
        Assert.Equal(ExportRunTokens.Incremental(100, 250), ExportRunTokens.Incremental(100, 250));
        Assert.Equal("i101-250", ExportRunTokens.Incremental(100, 250));
        Assert.Equal("s20261122T140500Z-250", ExportRunTokens.Snapshot(new DateTime(2026, 11, 22, 14, 5, 0, DateTimeKind.Utc), 250));
    }
}
