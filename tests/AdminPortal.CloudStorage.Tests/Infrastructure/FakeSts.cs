using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for AWS STS (real AWS is not reachable from tests): records each request body and answers
/// AssumeRole with session credentials s3rver accepts, or with the error AWS gives when the trust policy refuses.
/// </summary>
public sealed class FakeSts(bool denyAssumeRole = false) : LoopbackHttpServer
{
    public ConcurrentQueue<string> RequestBodies { get; } = new();

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        RequestBodies.Enqueue(WebUtility.UrlDecode(Encoding.UTF8.GetString(body)));
        var (status, xml) = denyAssumeRole ? (403, Denied) : (200, Granted(DateTime.UtcNow.AddHours(1)));
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.Headers["x-amzn-RequestId"] = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(xml));
    }

    private static string Granted(DateTime expires) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>{StoragePeers.S3AccessKeyId}</AccessKeyId>
              <SecretAccessKey>session-secret</SecretAccessKey>
              <SessionToken>session-token</SessionToken>
              <Expiration>{expires:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/AuditExport/AdminPortal-export</Arn>
              <AssumedRoleId>AROA3XFRBF535PLBIFPI4:AdminPortal-export</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private const string Denied = """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>AccessDenied</Code>
            <Message>User: arn:aws:iam::111122223333:user/adminportal is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/AuditExport</Message>
          </Error>
          <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
        </ErrorResponse>
        """;
}
