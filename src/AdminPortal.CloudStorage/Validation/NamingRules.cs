using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

/// <summary>The clouds' own naming rules, each with a message that says what to change.</summary>
/// <remarks>Validators using these set <c>RuleLevelCascadeMode = CascadeMode.Stop</c>, so a name gets its first problem only.</remarks>
public static partial class NamingRules
{
    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html</summary>
    public static IRuleBuilderOptions<T, string> S3BucketName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the bucket name.")
        .Length(3, 63).WithMessage("A bucket name is 3 to 63 characters long.")
        .Matches(S3BucketCharacters()).WithMessage("A bucket name may contain only lowercase letters, digits, dots (.) and hyphens (-).")
        .Must(StartsAndEndsWithLetterOrDigit).WithMessage("A bucket name must begin and end with a letter or a digit.")
        .Must(name => !name.Contains("..", StringComparison.Ordinal)).WithMessage("A bucket name cannot contain two dots in a row.")
        .Must(name => !IsIpAddressShaped(name)).WithMessage("A bucket name cannot look like an IP address (such as 192.168.5.4).")
        .Must(name => !name.StartsWith("xn--", StringComparison.Ordinal) && !name.StartsWith("sthree-", StringComparison.Ordinal))
            .WithMessage("A bucket name cannot start with \"xn--\" or \"sthree-\" (AWS reserves them).")
        .Must(name => !name.EndsWith("-s3alias", StringComparison.Ordinal) && !name.EndsWith("--ol-s3", StringComparison.Ordinal))
            .WithMessage("A bucket name cannot end with \"-s3alias\" or \"--ol-s3\" (AWS reserves them for access points).");

    /// <summary>https://learn.microsoft.com/azure/storage/common/storage-account-overview#storage-account-name</summary>
    public static IRuleBuilderOptions<T, string> AzureStorageAccountName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the storage account name.")
        .Length(3, 24).WithMessage("A storage account name is 3 to 24 characters long.")
        .Matches(LowercaseLettersAndDigits()).WithMessage("A storage account name may contain only lowercase letters and digits (no hyphens, dots or capitals).");

    /// <summary>https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata</summary>
    public static IRuleBuilderOptions<T, string> AzureContainerName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the container name.")
        .Length(3, 63).WithMessage("A container name is 3 to 63 characters long.")
        .Matches(ContainerCharacters()).WithMessage("A container name may contain only lowercase letters, digits and hyphens (-).")
        .Must(StartsAndEndsWithLetterOrDigit).WithMessage("A container name must begin and end with a letter or a digit.")
        .Must(name => !name.Contains("--", StringComparison.Ordinal)).WithMessage("A container name cannot contain two hyphens in a row.");

    /// <summary>https://cloud.google.com/storage/docs/buckets#naming</summary>
    public static IRuleBuilderOptions<T, string> GcsBucketName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the bucket name.")
        .Must(name => name.Length >= 3 && name.Length <= (name.Contains('.') ? 222 : 63))
            .WithMessage("A bucket name is 3 to 63 characters long (up to 222 when it contains dots).")
        .Matches(GcsBucketCharacters()).WithMessage("A bucket name may contain only lowercase letters, digits, hyphens (-), underscores (_) and dots (.).")
        .Must(StartsAndEndsWithLetterOrDigit).WithMessage("A bucket name must begin and end with a letter or a digit.")
        .Must(name => name.Split('.').All(part => part.Length is > 0 and <= 63))
            .WithMessage("Each dot-separated part of a bucket name is 1 to 63 characters long.")
        .Must(name => !IsIpAddressShaped(name)).WithMessage("A bucket name cannot look like an IP address (such as 192.168.5.4).")
        .Must(name => !name.StartsWith("goog", StringComparison.Ordinal)).WithMessage("A bucket name cannot start with \"goog\".")
        .Must(name => !GoogleLookalike().IsMatch(name)).WithMessage("A bucket name cannot contain \"google\" or a close misspelling of it.");

    /// <summary>An object prefix (folder) inside a bucket or container; empty means the root.</summary>
    public static IRuleBuilderOptions<T, string> ObjectPrefix<T>(this IRuleBuilder<T, string> rule) => rule
        .Must(prefix => prefix is null || !prefix.StartsWith('/')).WithMessage("A prefix does not start with \"/\": write \"exports/audit\", not \"/exports/audit\".")
        .Must(prefix => prefix is null || !prefix.Replace('\\', '/').Split('/').Any(segment => segment is ".." or "."))
            .WithMessage("A prefix cannot contain \".\" or \"..\" folders.")
        .Must(prefix => prefix is null || !prefix.Any(char.IsControl)).WithMessage("A prefix cannot contain control characters (tabs, line breaks).")
        .Must(prefix => prefix is null || Encoding.UTF8.GetByteCount(prefix) <= 1024).WithMessage("A prefix is at most 1024 bytes long.");

    /// <summary>https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns</summary>
    public static IRuleBuilderOptions<T, string> AwsRoleArn<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the role ARN.")
        .Matches(RoleArn())
            .WithMessage("A role ARN looks like arn:aws:iam::123456789012:role/AuditExport: the 12-digit account id, then role/ and the role name (a path such as role/exports/AuditExport is allowed).");

    /// <summary>STS: 2 to 1224 characters of letters, digits and +=,.@:/-.</summary>
    public static IRuleBuilderOptions<T, string> AwsExternalId<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the External ID.")
        .Matches(ExternalIdCharacters()).WithMessage("An External ID is 2 to 1224 letters, digits or the characters + = , . @ : / - _.");

    public static IRuleBuilderOptions<T, string> AwsRegion<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the bucket's region, such as us-east-1.")
        .Matches(RegionName()).WithMessage("An AWS region looks like us-east-1, eu-central-2 or ap-southeast-1.");

    public static IRuleBuilderOptions<T, string> AwsAccessKeyId<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the access key id.")
        .Matches(AccessKeyId()).WithMessage("An AWS access key id is 20 capital letters and digits starting with AKIA (or ASIA for temporary keys).");

    public static IRuleBuilderOptions<T, string> TenantId<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter the tenant id.")
        .Must(value => Guid.TryParseExact(value, "D", out _))
            .WithMessage("A tenant id is a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 (Microsoft Entra admin center > Overview).");

    public static IRuleBuilderOptions<T, string> GuidValue<T>(this IRuleBuilder<T, string> rule, string what) => rule
        .Must(value => Guid.TryParseExact(value, "D", out _)).WithMessage($"The {what} is a GUID such as 0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04.");

    public static IRuleBuilderOptions<T, string?> HttpUrl<T>(this IRuleBuilder<T, string?> rule, string what) => rule
        .Must(value => value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0))
        .WithMessage($"The {what} is a full http:// or https:// address without a query, such as https://s3.example.com:9000.");

    public static IRuleBuilderOptions<T, string> Base64Key<T>(this IRuleBuilder<T, string> rule, string what) => rule
        .NotEmpty().WithMessage($"Enter the {what}.")
        .Must(value => System.Buffers.Text.Base64.IsValid(value, out var bytes) && bytes >= 32)
            .WithMessage($"The {what} is the base64 text shown in the portal of the cloud (88 characters ending with ==); it looks cut or altered.");

    /// <summary>The JSON key file of a Google service account, as the console downloads it.</summary>
    public static IRuleBuilderOptions<T, string> ServiceAccountKeyJson<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Paste the service account's JSON key file.")
        .Must(json => ReadKey(json) is not null).WithMessage("This is not a JSON object: paste the whole key file downloaded from the Google Cloud console.")
        .Must(json => Field(json, "type") == "service_account")
            .WithMessage((_, json) => $"The key file's \"type\" must be \"service_account\", not \"{Field(json, "type")}\": create a key for a service account.")
        .Must(json => Field(json, "client_email")?.Contains('@') == true).WithMessage("The key file has no valid \"client_email\".")
        .Must(json => Field(json, "private_key")?.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal) == true)
            .WithMessage("The key file has no \"private_key\" in PEM form (-----BEGIN PRIVATE KEY-----).")
        .Must(json => CloudStorageFactory.TokenUriOf(json) is null or CloudStorageFactory.GoogleTokenUri)
            .WithMessage((_, json) => $"The key file's \"token_uri\" must be {CloudStorageFactory.GoogleTokenUri}, not \"{ErrorTextOf(CloudStorageFactory.TokenUriOf(json))}\": "
                + "the portal sends a key's signed assertion to Google only. Paste the key file as the Google Cloud console downloaded it.");

    private static string? ErrorTextOf(string? value) => Connection.ErrorText.Clip(value, 100);

    private static bool StartsAndEndsWithLetterOrDigit(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);

    private static bool IsIpAddressShaped(string name) => IpAddressShape().IsMatch(name) && IPAddress.TryParse(name, out _);

    private static JsonElement? ReadKey(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Field(string json, string name) =>
        ReadKey(json) is { } key && key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-z0-9.-]+$")]
    private static partial Regex S3BucketCharacters();

    [GeneratedRegex("^[a-z0-9_.-]+$")]
    private static partial Regex GcsBucketCharacters();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex ContainerCharacters();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex LowercaseLettersAndDigits();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex IpAddressShape();

    // Google's rule covers "google" and close misspellings; these are the ones its docs name.
    [GeneratedRegex("g[o0][o0]g(l|1)e")]
    private static partial Regex GoogleLookalike();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdCharacters();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^(AKIA|ASIA)[A-Z0-9]{16}$")]
    private static partial Regex AccessKeyId();
}
