using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Integrations;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>
/// Sigma's main path through the portal: create a role ARN integration, copy its External ID into the role's trust
/// policy (here the loopback STS's), Test connection. STS and S3 are the operator's endpoints (AwsRolePortal).
/// </summary>
[Collection(IntegrationsCollection.Name)]
public sealed class AwsRoleEndToEndTests(StoragePeers peers) : IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/AuditExport";

    private readonly LoopbackSts sts = new();
    private readonly RecordingProxy s3 = new(peers.S3Url);
    private AwsRolePortal? portal;

    private IntegrationUseCases Integrations => new((portal ??= new AwsRolePortal(sts, s3)).Services);

    public void Dispose()
    {
        portal?.Dispose();
        s3.Dispose();
        sts.Dispose();
    }

    private async Task<Guid> CreateRoleIntegrationAsync(string name)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = name,
            AuthMethod = IntegrationAuthMethod.AwsRole,
            Destination = new DestinationInput { Bucket = StoragePeers.S3Bucket, Prefix = $"{name}/", Region = "us-east-1" },
            RoleArn = RoleArn,
        });
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        return outcome.Value!.Id;
    }

    [Fact]
    public async Task With_the_External_ID_in_the_trust_policy_Test_connection_assumes_the_role_and_writes_with_its_temporary_credentials()
    {
        var id = await CreateRoleIntegrationAsync("s3_role_end_to_end");
        var externalId = (await Integrations.Credentials.HandleAsync(Principals.Admin(), id))!.ExternalId!;
        sts.Trust(RoleArn, externalId);

        var tested = await Integrations.Test.HandleAsync(Principals.Admin(), id);

        Assert.True(tested.Value!.LastTestSucceeded, $"{tested.Value.LastTestStatus} {tested.Value.LastTestHint}");
        var assumed = sts.Requests.Last();
        Assert.Equal((RoleArn, externalId, LoopbackSts.PortalAccessKeyId), (assumed.Form["RoleArn"], assumed.Form["ExternalId"], assumed.SignedWithAccessKeyId));
        Assert.Matches(@"^[\w+=,.@-]{2,64}$", assumed.Form["RoleSessionName"]);
        var issued = Assert.Single(sts.Issued);
        var calls = s3.Requests.ToList();
        Assert.Contains(calls, r => r.IsUpload && r.PathAndQuery.StartsWith($"/{StoragePeers.S3Bucket}/s3_role_end_to_end/", StringComparison.Ordinal));
        Assert.All(calls, r =>
        {
            Assert.Equal(issued.AccessKeyId, r.SignedWithAccessKeyId);
            Assert.Equal(issued.SessionToken, r.Headers.GetValueOrDefault("x-amz-security-token"));
            Assert.InRange(r.Status, 200, 299);
        });
    }

    [Fact]
    public async Task A_trust_policy_with_another_External_ID_shows_STS_AccessDenied_and_says_to_check_the_External_ID()
    {
        var id = await CreateRoleIntegrationAsync("s3_role_wrong_external_id");
        sts.Trust(RoleArn, "ap-00000000-0000-0000-0000-000000000000");

        var tested = (await Integrations.Test.HandleAsync(Principals.Admin(), id)).Value!;

        Assert.False(tested.LastTestSucceeded);
        Assert.Equal($"AccessDenied: User: {LoopbackSts.PortalUserArn} is not authorized to perform: sts:AssumeRole on resource: {RoleArn}",
            tested.LastTestStatus);
        Assert.Equal("The role could not be assumed: the role's trust policy must name the portal's IAM user as Principal "
            + "and the integration's External ID in its sts:ExternalId condition, and the role ARN must be exact.", tested.LastTestHint);
        Assert.Empty(sts.Issued);
        Assert.Empty(s3.Requests);
    }
}
