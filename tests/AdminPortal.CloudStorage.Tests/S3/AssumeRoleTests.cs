using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.S3;

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
    public async Task Uploads_through_an_assumed_role_send_the_External_ID_to_STS_and_succeed()
    {
        using var sts = new FakeSts();
        using var storage = peers.Factory.Create(RoleDestination(sts));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(ConnectionTestResult.Succeeded, result);
        var body = Assert.Single(sts.RequestBodies);
        Assert.Contains("Action=AssumeRole", body);
        Assert.Contains($"RoleArn={RoleArn}", body);
        Assert.Contains($"ExternalId={ExternalId}", body);
        Assert.Contains("RoleSessionName=AdminPortal-export", body);
    }

    [Fact]
    public async Task A_refused_AssumeRole_reports_the_STS_error_and_a_trust_policy_hint()
    {
        using var sts = new FakeSts(denyAssumeRole: true);
        using var storage = peers.Factory.Create(RoleDestination(sts));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("AccessDenied: User: arn:aws:iam::111122223333:user/adminportal is not authorized to perform: sts:AssumeRole", result.Status);
        Assert.Contains("External ID", result.Hint);
    }

    private S3Destination RoleDestination(FakeSts sts) => peers.S3(TestContent.UniquePrefix("role")) with
    {
        Auth = new S3AssumeRoleAuth(RoleArn, ExternalId, new S3AccessKeyAuth("AKIAIOSFODNN7EXAMPLE", "portal-secret"), StsServiceUrl: sts.Url.AbsoluteUri),
    };
}
