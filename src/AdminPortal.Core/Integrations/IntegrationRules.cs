using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AdminPortal.Core.Integrations;

/// <summary>The rules an integration's own fields follow, shared by Create and Edit Destination.</summary>
public static partial class IntegrationRules
{
    public const int MaxNameLength = 64;

    /// <summary>What <see cref="Users.UserSessions.EnsureAdminAsync"/> names when it refuses an integration use case.</summary>
    internal const string ManageAction = "manage storage integrations";

    internal static IEnumerable<(string Field, string Message)> NameErrors(string name)
    {
        if (!NameShape().IsMatch(name))
        {
            yield return ("Name", $"An integration name is 3 to {MaxNameLength} lowercase letters, digits and underscores, starting with a letter (such as s3_audit_logs_1).");
        }
    }

    internal static string DuplicateName(string name) => $"An integration named \"{name}\" already exists: choose another name.";

    /// <summary>32 random bytes, base64url: unguessable, and within the characters STS accepts.</summary>
    internal static string NewExternalId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    internal static void SetDestination(StorageIntegration i, DestinationInput d)
    {
        i.Bucket = d.Bucket?.Trim() ?? "";
        i.Prefix = d.Prefix?.Trim() ?? "";
        i.AccountName = i.Cloud == IntegrationCloud.Azure ? Trimmed(d.AccountName) : null;
        i.Region = i.Cloud == IntegrationCloud.Aws ? Trimmed(d.Region) : null;
        i.ServiceUrl = Trimmed(d.ServiceUrl);
        i.PathStyle = i.Cloud == IntegrationCloud.Aws && d.PathStyle;
    }

    internal static DestinationInput DestinationOf(StorageIntegration i) =>
        new() { Bucket = i.Bucket, AccountName = i.AccountName, Prefix = i.Prefix, Region = i.Region, ServiceUrl = i.ServiceUrl, PathStyle = i.PathStyle };

    internal static string SecretLabel(IntegrationAuthMethod method) => method switch
    {
        IntegrationAuthMethod.AwsAccessKey => "secret access key",
        IntegrationAuthMethod.AzureAccountKey => "account key",
        IntegrationAuthMethod.AzureSas => "SAS token",
        _ => "service account key JSON",
    };

    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z][a-z0-9_]{2,63}$")]
    private static partial Regex NameShape();
}
