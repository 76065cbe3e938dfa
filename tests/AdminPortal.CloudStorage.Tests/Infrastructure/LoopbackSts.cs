using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback AWS STS (real AWS is not reachable from tests) that checks what STS checks for AssumeRole: the Query
/// protocol's form (Action, Version), the caller's access key, the session name and duration, and the role's trust
/// policy (its principal and External ID), refusing with STS's own error XML. Granted roles get fresh temporary
/// credentials, kept in <see cref="Issued"/> so a test can see them used against S3.
/// </summary>
public sealed partial class LoopbackSts : LoopbackHttpServer
{
    private readonly ConcurrentDictionary<string, string> trustPolicies = new(StringComparer.Ordinal);
    private readonly string callerAccessKeyId;
    private readonly string callerSecretAccessKey;
    private readonly string callerArn;
    private readonly string issuedAccessKeyId;

    /// <param name="callerAccessKeyId">The access key id of the only caller the trust policies name (the portal's IAM user).</param>
    /// <param name="callerSecretAccessKey">Its secret: each request's SigV4 signature is verified with it.</param>
    /// <param name="callerArn">That caller's ARN, as STS names it in AccessDenied.</param>
    /// <param name="issuedAccessKeyId">The temporary access key id handed out: s3rver only knows <see cref="StoragePeers.S3AccessKeyId"/>.</param>
    public LoopbackSts(string callerAccessKeyId = PortalAccessKeyId, string callerSecretAccessKey = PortalSecretAccessKey, string callerArn = PortalUserArn,
        string issuedAccessKeyId = StoragePeers.S3AccessKeyId)
    {
        this.callerAccessKeyId = callerAccessKeyId;
        this.callerSecretAccessKey = callerSecretAccessKey;
        this.callerArn = callerArn;
        this.issuedAccessKeyId = issuedAccessKeyId;
    }

    public const string PortalAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string PortalSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string PortalUserArn = "arn:aws:iam::111122223333:user/adminportal";

    /// <summary>Every request's form fields and the access key id its signature names, in arrival order.</summary>
    public ConcurrentQueue<StsRequest> Requests { get; } = new();

    /// <summary>The temporary credentials granted, in order.</summary>
    public ConcurrentQueue<StsCredentials> Issued { get; } = new();

    /// <summary>The customer's side: the role trusts the caller when the request carries this External ID.</summary>
    public void Trust(string roleArn, string externalId) => trustPolicies[roleArn] = externalId;

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        var form = ParseForm(Encoding.UTF8.GetString(body));
        var keyId = CredentialKeyId().Match(request.Headers["Authorization"] ?? "") is { Success: true } m ? m.Groups[1].Value : null;
        Requests.Enqueue(new StsRequest(form, keyId, request.Headers["Content-Type"]));
        var (status, xml) = Answer(request, form, keyId, body);
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.Headers["x-amzn-RequestId"] = RequestId;
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(xml));
    }

    private (int Status, string Xml) Answer(HttpListenerRequest request, IReadOnlyDictionary<string, string> form, string? keyId, byte[] body)
    {
        if (request.HttpMethod != "POST" || !(request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            return Error(400, "InvalidAction", "Could not find operation for the request.");
        }

        if (form.GetValueOrDefault("Action") != "AssumeRole" || form.GetValueOrDefault("Version") != "2011-06-15")
        {
            return Error(400, "InvalidAction", $"Could not find operation {form.GetValueOrDefault("Action")} for version {form.GetValueOrDefault("Version")}.");
        }

        if (keyId is null)
        {
            return Error(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        if (keyId != callerAccessKeyId)
        {
            return Error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (!SigV4.IsValid(request, body, callerSecretAccessKey, "sts"))
        {
            return Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        var roleArn = form.GetValueOrDefault("RoleArn") ?? "";
        var session = form.GetValueOrDefault("RoleSessionName") ?? "";
        if (!SessionName().IsMatch(session))
        {
            return Error(400, "ValidationError", $"1 validation error detected: Value '{session}' at 'roleSessionName' failed to satisfy constraint: "
                + @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        }

        var duration = int.TryParse(form.GetValueOrDefault("DurationSeconds") ?? "3600", out var seconds) ? seconds : -1;
        if (duration is < 900 or > 43200)
        {
            return Error(400, "ValidationError", $"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 900");
        }

        // STS says the same for an unknown role, a wrong External ID and a missing one: the caller learns nothing more.
        if (!trustPolicies.TryGetValue(roleArn, out var externalId) || form.GetValueOrDefault("ExternalId") != externalId)
        {
            return Error(403, "AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var issued = new StsCredentials(issuedAccessKeyId, Random(30), "IQoJb3JpZ2luX2VjE" + Random(96), DateTime.UtcNow.AddSeconds(duration));
        Issued.Enqueue(issued);
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var account = roleArn.Split(':')[4];
        return (200, $"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <SourceIdentity></SourceIdentity>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::{account}:assumed-role/{roleName}/{session}</Arn>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:{session}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{issued.AccessKeyId}</AccessKeyId>
                  <SecretAccessKey>{issued.SecretAccessKey}</SecretAccessKey>
                  <SessionToken>{issued.SessionToken}</SessionToken>
                  <Expiration>{issued.Expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>{RequestId}</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    private const string RequestId = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";

    private static (int, string) Error(int status, string code, string message) => (status, $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>{code}</Code>
            <Message>{WebUtility.HtmlEncode(message)}</Message>
          </Error>
          <RequestId>{RequestId}</RequestId>
        </ErrorResponse>
        """);

    private static Dictionary<string, string> ParseForm(string body) => body
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Decode(p[0]), p => p.Length > 1 ? Decode(p[1]) : "", StringComparer.Ordinal);

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    // Base64 without the characters XML or a form would escape, like the real secrets and tokens.
    private static string Random(int length) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)).Replace('+', 'A').Replace('/', 'B').TrimEnd('=')[..length];

    [GeneratedRegex(@"Credential=([^/,\s]+)/")]
    private static partial Regex CredentialKeyId();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();
}
