using System.Text.Json;
using AdminPortal.Cli.ExportConfigs;

namespace AdminPortal.Cli.Tests.ExportConfigs;

public sealed class ImmutaMappingTests
{
    private static ExportConfigPlan Map(ExportConfigKind kind, string json) =>
        ExportConfigMapper.Map(kind, ExportConfigDocument.Parse(json, "exportConfig.json"));

    private static ExportConfigException Refused(ExportConfigKind kind, string json) =>
        Assert.Throws<ExportConfigException>(() => Map(kind, json));

    [Fact]
    public void An_s3_access_key_file_becomes_an_AwsAccessKey_integration_and_a_schedule_every_12_hours()
    {
        var plan = Map(ExportConfigKind.S3AccessKey, """
            {
              "interval": "EVERY_12_HOURS",
              "bucket": "acme-audit-logs",
              "path": "adminportal",
              "region": "us-east-1",
              "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
              "secretAccessKey": "wJalrXUtnFEMI"
            }
            """);

        Assert.Equal("AwsAccessKey", plan.Integration.AuthMethod);
        Assert.Equal("acme-audit-logs", plan.Integration.Destination.Bucket);
        Assert.Equal("adminportal", plan.Integration.Destination.Prefix);
        Assert.Equal("us-east-1", plan.Integration.Destination.Region);
        Assert.Null(plan.Integration.Destination.ServiceUrl);
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", plan.Integration.AccessKeyId);
        Assert.Equal("wJalrXUtnFEMI", plan.Integration.Secret);
        Assert.Equal(12, plan.EveryHours);
        Assert.Equal("JsonLines", plan.Format);
        Assert.True(plan.Gzip);
        Assert.Equal(ExportConfigMapper.DefaultUriTemplate + ".jsonl.gz", plan.UriTemplate);
    }

    [Theory]
    [InlineData("", "AllRetainedEvents")]
    [InlineData(", \"firstRun\": \"workbookRange\"", "WorkbookRange")]
    [InlineData(", \"firstRun\": \"allRetainedEvents\"", "AllRetainedEvents")]
    public void The_first_run_sends_every_retained_event_unless_the_file_asks_for_the_workbooks_range(string field, string firstRun)
    {
        var plan = Map(ExportConfigKind.S3AccessKey, $$"""
            { "interval": "EVERY_6_HOURS", "bucket": "b", "accessKeyId": "k", "secretAccessKey": "s"{{field}} }
            """);

        Assert.Equal(firstRun, plan.FirstRun);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(", \"includeIdentityColumns\": true", true)]
    [InlineData(", \"includeIdentityColumns\": false", false)]
    public void The_identity_columns_are_sent_only_when_the_file_asks_for_them(string field, bool included)
    {
        var plan = Map(ExportConfigKind.Gcs, $$"""
            { "interval": "EVERY_6_HOURS", "bucket": "b"{{field}} }
            """);

        Assert.Equal(included, plan.IncludeIdentityColumns);
    }

    [Fact]
    public void An_includeIdentityColumns_that_is_not_a_boolean_is_refused_on_its_line()
    {
        var error = Refused(ExportConfigKind.Gcs, """
            { "interval": "EVERY_6_HOURS", "bucket": "b",
              "includeIdentityColumns": "yes" }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("includeIdentityColumns", (int?)2, "true or false, not a string."), (problem.Field, problem.Line, problem.Message));
    }

    [Fact]
    public void An_unknown_first_run_is_refused_on_its_line_with_the_two_choices()
    {
        var error = Refused(ExportConfigKind.Gcs, """
            { "interval": "EVERY_6_HOURS", "bucket": "b",
              "firstRun": "yesterday" }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("firstRun", (int?)2, "\"yesterday\" is not a first run: use allRetainedEvents or workbookRange."), (problem.Field, problem.Line, problem.Message));
    }

    [Fact]
    public void An_s3_compatible_store_takes_its_endpoint_path_style_name_and_format()
    {
        var plan = Map(ExportConfigKind.S3AccessKey, """
            { "interval": "EVERY_6_HOURS", "bucket": "b", "accessKeyId": "k", "secretAccessKey": "s",
              "serviceUrl": "https://minio.example.com:9000", "pathStyle": true, "name": "minio_logs", "format": "csv", "gzip": false }
            """);

        Assert.Equal("https://minio.example.com:9000", plan.Integration.Destination.ServiceUrl);
        Assert.True(plan.Integration.Destination.PathStyle);
        Assert.Equal("minio_logs", plan.Integration.Name);
        Assert.Equal("minio_logs", plan.ScheduleName);
        Assert.Equal("Csv", plan.Format);
        Assert.EndsWith("-{part}.csv", plan.UriTemplate);
    }

    [Fact]
    public void An_assumed_role_file_becomes_an_AwsRole_integration_with_its_role_arn_and_no_secret()
    {
        var plan = Map(ExportConfigKind.S3AssumedRole, """
            { "interval": "EVERY_24_HOURS", "bucket": "acme", "path": "p", "region": "eu-west-1",
              "roleArn": "arn:aws:iam::123456789012:role/export" }
            """);

        Assert.Equal("AwsRole", plan.Integration.AuthMethod);
        Assert.Equal("arn:aws:iam::123456789012:role/export", plan.Integration.RoleArn);
        Assert.Null(plan.Integration.Secret);
        Assert.Equal(24, plan.EveryHours);
    }

    [Fact]
    public void An_assumed_role_takes_no_endpoint_because_the_portal_assumes_roles_only_against_AWS()
    {
        var error = Refused(ExportConfigKind.S3AssumedRole, """
            { "interval": "EVERY_24_HOURS", "bucket": "acme", "roleArn": "arn:aws:iam::123456789012:role/export",
              "endpoint": "http://169.254.169.254" }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("endpoint", problem.Field);
        Assert.Equal(2, problem.Line);
        Assert.Contains("not a field of create:s3:assumedRole", problem.Message);
    }

    [Fact]
    public void An_adls_file_maps_storage_account_file_system_path_and_sas_token_onto_an_AzureSas_integration()
    {
        var plan = Map(ExportConfigKind.Adls, """
            { "interval": "EVERY_4_HOURS", "storageAccount": "acmelogs", "fileSystem": "audit", "path": "portal", "sasToken": "sv=2025&sig=x" }
            """);

        Assert.Equal("AzureSas", plan.Integration.AuthMethod);
        Assert.Equal("acmelogs", plan.Integration.Destination.AccountName);
        Assert.Equal("audit", plan.Integration.Destination.Bucket);
        Assert.Equal("portal", plan.Integration.Destination.Prefix);
        Assert.Equal("sv=2025&sig=x", plan.Integration.Secret);
        Assert.Equal(4, plan.EveryHours);
    }

    [Fact]
    public void A_gcs_file_with_a_key_object_sends_that_key_json_as_the_secret()
    {
        var plan = Map(ExportConfigKind.Gcs, """
            { "interval": "EVERY_2_HOURS", "bucket": "acme", "serviceAccountKey": { "type": "service_account", "client_email": "a@b.iam.gserviceaccount.com" } }
            """);

        Assert.Equal("GcpServiceAccountKey", plan.Integration.AuthMethod);
        using var key = JsonDocument.Parse(plan.Integration.Secret!);
        Assert.Equal("a@b.iam.gserviceaccount.com", key.RootElement.GetProperty("client_email").GetString());
    }

    [Fact]
    public void A_gcs_file_without_a_key_uses_the_portals_own_service_account()
    {
        var plan = Map(ExportConfigKind.Gcs, """{ "interval": "EVERY_2_HOURS", "bucket": "acme" }""");

        Assert.Equal("GcpPortalServiceAccount", plan.Integration.AuthMethod);
        Assert.Null(plan.Integration.Secret);
    }

    [Theory]
    [InlineData("EVERY_2_HOURS", 2)]
    [InlineData("EVERY_4_HOURS", 4)]
    [InlineData("EVERY_6_HOURS", 6)]
    [InlineData("EVERY_12_HOURS", 12)]
    [InlineData("EVERY_24_HOURS", 24)]
    public void Every_Immuta_interval_maps_onto_its_hours(string interval, int hours)
    {
        var plan = Map(ExportConfigKind.Gcs, $$"""{ "interval": "{{interval}}", "bucket": "acme" }""");

        Assert.Equal(hours, plan.EveryHours);
    }

    [Theory]
    [InlineData("Every 12 hours", "EVERY_12_HOURS")]
    [InlineData("Every 2 hours", "EVERY_2_HOURS")]
    [InlineData("Every 3 hours", null)]
    [InlineData("Daily at 02:00 (UTC)", null)]
    public void The_portals_every_N_hours_reads_back_as_Immutas_interval(string frequency, string? interval)
    {
        Assert.Equal(interval, ImmutaInterval.FromFrequency(frequency));
    }

    [Theory]
    [InlineData("EVERY_3_HOURS")]
    [InlineData("EVERY_HOUR")]
    [InlineData("every_12_hours")]
    public void An_interval_the_portal_does_not_run_is_refused_with_the_allowed_list(string interval)
    {
        var error = Refused(ExportConfigKind.Gcs, $$"""
            {
              "bucket": "acme",
              "interval": "{{interval}}"
            }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal("interval", problem.Field);
        Assert.Equal(3, problem.Line);
        Assert.Contains("EVERY_2_HOURS, EVERY_4_HOURS, EVERY_6_HOURS, EVERY_12_HOURS, EVERY_24_HOURS", problem.Message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once_each_with_its_field_and_line()
    {
        var error = Refused(ExportConfigKind.S3AccessKey, """
            {
              "interval": "EVERY_12_HOURS",
              "Bucket": "acme",
              "accessKeyId": 42,
              "secretAccessKey": "s",
              "pathStyle": "yes"
            }
            """);

        Assert.Collection(error.Problems,
            p => Assert.Equal(("Bucket", (int?)3, "unknown field: did you mean \"bucket\"? (field names are case-sensitive)"), (p.Field, p.Line, p.Message)),
            p => Assert.Equal(("accessKeyId", (int?)4, "a string in double quotes, not a number."), (p.Field, p.Line, p.Message)),
            p => Assert.Equal(("pathStyle", (int?)6, "true or false, not a string."), (p.Field, p.Line, p.Message)),
            p => Assert.Equal(("bucket", (int?)null, "required, and missing from the file."), (p.Field, p.Line, p.Message)));
        Assert.Contains("exportConfig.json line 3, Bucket: unknown field", error.Message);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line()
    {
        var error = Refused(ExportConfigKind.Gcs, """
            {
              "interval": "EVERY_2_HOURS",
              "bucket": "acme"
              "path": "p"
            }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Null(problem.Field);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("not valid JSON", problem.Message);
    }

    [Fact]
    public void A_field_given_twice_is_refused_naming_both_lines()
    {
        var error = Refused(ExportConfigKind.Gcs, """
            {
              "interval": "EVERY_2_HOURS",
              "bucket": "one",
              "bucket": "two"
            }
            """);

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("bucket", (int?)4, "given twice (first on line 3)."), (problem.Field, problem.Line, problem.Message));
    }

    [Fact]
    public void A_missing_file_is_a_problem_of_the_file_not_an_exception()
    {
        var error = Assert.Throws<ExportConfigException>(() => ExportConfigDocument.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));

        Assert.Equal("no such file.", Assert.Single(error.Problems).Message);
    }

    [Theory]
    [InlineData("destination.bucket", "bucket", 3)]
    [InlineData("Destination.Prefix", "path", 4)]
    [InlineData("destination.serviceUrl", "endpoint", 7)]
    [InlineData("secret", "secretAccessKey", 6)]
    [InlineData("everyHours", "interval", 2)]
    public void The_portals_field_errors_point_at_the_files_field_and_line(string apiField, string fileField, int line)
    {
        var plan = Map(ExportConfigKind.S3AccessKey, """
            {
              "interval": "EVERY_12_HOURS",
              "bucket": "acme",
              "path": "p",
              "accessKeyId": "k",
              "secretAccessKey": "s",
              "endpoint": "http://127.0.0.1:9000"
            }
            """);

        var field = plan.FieldFor(apiField);

        Assert.NotNull(field);
        Assert.Equal((fileField, line), (field.Name, field.Line));
    }

    [Theory]
    [InlineData("s3-accessKey.json", ExportConfigKind.S3AccessKey, "AwsAccessKey")]
    [InlineData("s3-compatible.json", ExportConfigKind.S3AccessKey, "AwsAccessKey")]
    [InlineData("s3-assumedRole.json", ExportConfigKind.S3AssumedRole, "AwsRole")]
    [InlineData("adls.json", ExportConfigKind.Adls, "AzureSas")]
    [InlineData("gcs.json", ExportConfigKind.Gcs, "GcpServiceAccountKey")]
    public void Every_example_file_of_the_README_maps(string file, ExportConfigKind kind, string authMethod)
    {
        var plan = ExportConfigMapper.Map(kind, ExportConfigDocument.Load(Path.Combine(AppContext.BaseDirectory, "Cli", "examples", file)));

        Assert.Equal(authMethod, plan.Integration.AuthMethod);
    }
}
