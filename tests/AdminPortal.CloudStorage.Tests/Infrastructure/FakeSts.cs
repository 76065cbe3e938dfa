using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for AWS STS (real AWS is not reachable from tests): records each request body and answers
/// AssumeRole with session credentials s3rver accepts, or with the error AWS gives when the trust policy refuses.
/// </summary>
public sealed class FakeSts : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public FakeSts(bool denyAssumeRole = false)
    {
        DenyAssumeRole = denyAssumeRole;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public bool DenyAssumeRole { get; }

    public ConcurrentQueue<string> RequestBodies { get; } = new();

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The listener's pending GetContext fails when it closes.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                RequestBodies.Enqueue(WebUtility.UrlDecode(await reader.ReadToEndAsync()));
            }

            var (status, xml) = DenyAssumeRole ? (403, Denied) : (200, Granted(DateTime.UtcNow.AddHours(1)));
            var body = Encoding.UTF8.GetBytes(xml);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.Headers["x-amzn-RequestId"] = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
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
