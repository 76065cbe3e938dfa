using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AdminPortal.Tests.Integrations;

/// <summary>
/// The portal with its own AWS identity, and the operator's AWS endpoints (Integrations:AwsEndpoints) pointing role
/// ARN integrations at a loopback STS and at s3rver behind a recording proxy: the only way a test reaches "AWS".
/// </summary>
public sealed class AwsRolePortal(LoopbackSts sts, RecordingProxy s3) : PortalFactory
{
    public const string IamUserArn = LoopbackSts.PortalUserArn;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Integrations:AwsIamUserArn", IamUserArn);
        builder.UseSetting("Integrations:AwsIamUserAccessKeyId", LoopbackSts.PortalAccessKeyId);
        builder.UseSetting("Integrations:AwsIamUserSecretAccessKey", LoopbackSts.PortalSecretAccessKey);
        builder.UseSetting("Integrations:AwsEndpoints:StsServiceUrl", sts.Url.AbsoluteUri);
        builder.UseSetting("Integrations:AwsEndpoints:S3ServiceUrl", s3.Url.AbsoluteUri);
    }
}
