using System.Net;

namespace AdminPortal.Web.Security;

/// <summary>
/// The TLS reverse proxies in front of the portal. Only a request arriving from one of them has its X-Forwarded-For,
/// -Proto and -Host believed (client address, https, host); with none configured the headers are ignored, since any
/// client could send them.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Proxy addresses, e.g. "10.0.0.2" or "::1".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));
}
