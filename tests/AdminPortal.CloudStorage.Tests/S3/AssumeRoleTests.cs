using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.S3;

/// <summary>The role ARN + External ID path end to end: AssumeRole answered by a loopback STS, then S3 (s3rver) with what it returned.</summary>
[Collection(StoragePeersCollection.Name)]
public sealed class AssumeRoleTests(StoragePeers peers)
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/AuditExport";
    private const string ExternalId = "ap-7f3c2a91-4b6e-4d0e-9a51-0c8e2f6d1b44";

    [Fact]
    public void The_AssumeRole_request_carries_the_External_ID_role_and_a_valid_session_name()
    {
        var request = S3Clients.AssumeRoleRequestFor(new S3AssumeRoleAuth(RoleArn, ExternalId, SessionName: "AdminPortal export: Acme Corp"));

        Assert.Equal(RoleArn, request.RoleArn);
        Assert.Equal(ExternalId, request.ExternalId);
        Assert.Equal("AdminPortal-export--Acme-Corp", request.RoleSessionName);
        Assert.Equal(3600, request.DurationSeconds);
    }

    [Fact]
    public async Task The_role_is_assumed_with_its_External_ID_and_every_S3_call_uses_the_temporary_credentials_STS_returned()
    {
        using var sts = new LoopbackSts();
        using var s3 = new RecordingProxy(peers.S3Url);
        sts.Trust(RoleArn, ExternalId);
        using var storage = peers.Factory.Create(RoleDestination(sts, s3));
        var content = TestContent.Bytes(12 * 1024 * 1024, seed: 7);

        var test = await storage.TestConnectionAsync(CancellationToken.None);
        var upload = await storage.UploadAsync("run-1/events.jsonl", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = 5 * 1024 * 1024 },
            CancellationToken.None);

        Assert.Equal(ConnectionTestResult.Succeeded, test);
        Assert.Equal(TestContent.Sha256(content), upload.Sha256);
        Assert.Equal(content, await TestContent.ReadAllAsync(storage, "run-1/events.jsonl"));
        var assumed = Assert.Single(sts.Requests);
        Assert.Equal("AssumeRole", assumed.Form["Action"]);
        Assert.Equal(RoleArn, assumed.Form["RoleArn"]);
        Assert.Equal(ExternalId, assumed.Form["ExternalId"]);
        Assert.Equal("AdminPortal-export", assumed.Form["RoleSessionName"]);
        Assert.Equal(LoopbackSts.PortalAccessKeyId, assumed.SignedWithAccessKeyId);
        var issued = Assert.Single(sts.Issued);
        Assert.Contains(s3.Requests, r => r.IsUpload && r.PathAndQuery.Contains("partNumber=3", StringComparison.Ordinal));
        Assert.All(s3.Requests, r =>
        {
            Assert.Equal(issued.AccessKeyId, r.SignedWithAccessKeyId);
            Assert.Equal(issued.SessionToken, r.Headers.GetValueOrDefault("x-amz-security-token"));
            Assert.InRange(r.Status, 200, 299);
        });
    }

    [Fact]
    public async Task A_wrong_External_ID_is_refused_by_STS_reported_with_a_trust_policy_hint_and_S3_is_never_called()
    {
        using var sts = new LoopbackSts();
        using var s3 = new RecordingProxy(peers.S3Url);
        sts.Trust(RoleArn, "ap-00000000-0000-0000-0000-000000000000");
        using var storage = peers.Factory.Create(RoleDestination(sts, s3));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal($"AccessDenied: User: {LoopbackSts.PortalUserArn} is not authorized to perform: sts:AssumeRole on resource: {RoleArn}", result.Status);
        Assert.Contains("External ID", result.Hint);
        Assert.Equal(ExternalId, Assert.Single(sts.Requests).Form["ExternalId"]);
        Assert.Empty(sts.Issued);
        Assert.Empty(s3.Requests);
    }

    [Fact]
    public async Task A_wrong_secret_for_the_portals_own_key_fails_STS_signature_check_and_the_hint_names_the_operators_settings()
    {
        using var sts = new LoopbackSts();
        using var s3 = new RecordingProxy(peers.S3Url);
        sts.Trust(RoleArn, ExternalId);
        using var storage = peers.Factory.Create(RoleDestination(sts, s3, portalSecret: "not-the-portals-secret"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.StartsWith("SignatureDoesNotMatch: The request signature we calculated does not match", result.Status);
        Assert.Equal(ConnectionHints.PortalKeyRefused, result.Hint);
        Assert.Empty(sts.Issued);
        Assert.Empty(s3.Requests);
    }

    private S3Destination RoleDestination(LoopbackSts sts, RecordingProxy s3, string portalSecret = LoopbackSts.PortalSecretAccessKey) =>
        peers.S3(TestContent.UniquePrefix("role")) with
        {
            ServiceUrl = s3.Url.AbsoluteUri,
            Auth = new S3AssumeRoleAuth(RoleArn, ExternalId, new S3AccessKeyAuth(LoopbackSts.PortalAccessKeyId, portalSecret), StsServiceUrl: sts.Url.AbsoluteUri),
        };
}
