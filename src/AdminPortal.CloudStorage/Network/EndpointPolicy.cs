using System.Net;
using System.Net.Sockets;

namespace AdminPortal.CloudStorage.Network;

/// <summary>
/// The portal's outbound rules for cloud traffic: which custom endpoints an integration may name, and, at connect
/// time, which resolved addresses a connection may reach. Every HTTP handler the three SDKs use connects through
/// <see cref="ConnectAsync"/>, so a name that resolves (or re-resolves: DNS rebinding) to a metadata address is refused.
/// </summary>
public sealed class EndpointPolicy
{
    private readonly CustomEndpointsOptions options;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve;

    /// <param name="options">Custom endpoints; none allowed when null.</param>
    /// <param name="resolve">Name resolution; the system's DNS unless a test stands in for it.</param>
    public EndpointPolicy(CustomEndpointsOptions? options = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        this.options = options ?? new CustomEndpointsOptions();
        this.resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    public const string SettingsHint = "Integrations:CustomEndpoints:Enabled and Integrations:CustomEndpoints:AllowedHosts";

    /// <summary>True when integrations may name a service URL of their own.</summary>
    public bool CustomEndpointsEnabled => options.Enabled;

    /// <summary>Whether <paramref name="host"/> is listed in AllowedHosts (exactly, or under a <c>*.</c> entry).</summary>
    public bool IsAllowedHost(string host)
    {
        var bare = Bare(host);
        return options.AllowedHosts.Any(entry =>
        {
            var allowed = Bare(entry.Trim());
            if (IPAddress.TryParse(allowed, out var ip))
            {
                return IPAddress.TryParse(bare, out var other) && ip.Equals(other);
            }

            return allowed.StartsWith("*.", StringComparison.Ordinal)
                ? bare.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(allowed, bare, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>False for an address no setting can allow (link-local, metadata, multicast).</summary>
    public static bool IsPermittedAddress(IPAddress address) => !AddressRules.IsAlwaysRefused(address);

    /// <summary>Why a custom endpoint (a service URL) may not be used, or null when it may. Nothing is resolved or sent.</summary>
    public string? CustomEndpointProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null; // no endpoint, or one the URL rule already explains
        }

        var host = Bare(uri.Host);
        if (IPAddress.TryParse(host, out var ip) && AddressRules.IsAlwaysRefused(ip))
        {
            return $"{host} is a link-local or cloud metadata address: the portal never connects to it.";
        }

        if (!options.Enabled)
        {
            return "Custom endpoints are turned off on this portal: leave the service URL empty to use the cloud itself, "
                + $"or ask the portal's operator to allow the host ({SettingsHint}).";
        }

        return IsAllowedHost(host)
            ? null
            : $"The host {host} is not one the portal may connect to: the portal's operator lists allowed hosts in Integrations:CustomEndpoints:AllowedHosts.";
    }

    /// <summary>Throws <see cref="EndpointRefusedException"/> when a custom endpoint may not be used.</summary>
    public void EnsureCustomEndpointAllowed(string? url)
    {
        if (CustomEndpointProblem(url) is { } problem)
        {
            throw new EndpointRefusedException(problem);
        }
    }

    /// <summary>
    /// The one handler under every cloud client: connects through the address rules, never follows a redirect (a
    /// redirect would take credentials or the request elsewhere) and uses no proxy (a proxy would hide the address
    /// the rules check).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        // Recycled so DNS changes are seen (and checked again).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves the host, checks every address it gave, and connects to those addresses only.</summary>
    internal async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = Bare(context.DnsEndPoint.Host);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolve(host, cancellationToken);
        foreach (var address in addresses)
        {
            // One bad address refuses them all: a name that mixes a public and a metadata address is an attack.
            if (AddressRules.IsAlwaysRefused(address))
            {
                throw new EndpointRefusedException($"{host} resolves to {address}, a link-local or cloud metadata address: the portal never connects to it.");
            }

            if (AddressRules.IsLoopbackOrPrivate(address) && !IsAllowedHost(host))
            {
                throw new EndpointRefusedException(
                    $"{host} resolves to {address}, a loopback or private address, and is not listed in Integrations:CustomEndpoints:AllowedHosts.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Bare(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
