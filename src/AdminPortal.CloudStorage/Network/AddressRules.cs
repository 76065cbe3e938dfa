using System.Net;
using System.Net.Sockets;

namespace AdminPortal.CloudStorage.Network;

/// <summary>What kind of address a host resolved to, as far as the portal's outbound rules care.</summary>
internal static class AddressRules
{
    // Alibaba Cloud's metadata service, and Azure's WireServer (it answers VM agents, never a storage client).
    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");
    private static readonly IPAddress AzureWireServer = IPAddress.Parse("168.63.129.16");

    // EC2's metadata service over IPv6 (Nitro instances).
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>
    /// Never connected to, whatever the settings say: link-local (169.254.0.0/16 holds the metadata service of AWS,
    /// Azure, GCP, Oracle and ECS task credentials; fe80::/10), the known metadata addresses, "this network",
    /// multicast and broadcast.
    /// </summary>
    public static bool IsAlwaysRefused(IPAddress address)
    {
        var a = Unwrap(address);
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224 || a.Equals(AlibabaMetadata) || a.Equals(AzureWireServer);
        }

        return a.Equals(IPAddress.IPv6Any) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || a.Equals(AwsMetadataV6);
    }

    /// <summary>Loopback, RFC 1918, carrier-grade NAT, benchmark and IPv6 unique-local addresses: the inside of a network.</summary>
    public static bool IsLoopbackOrPrivate(IPAddress address)
    {
        var a = Unwrap(address);
        if (IPAddress.IsLoopback(a))
        {
            return true;
        }

        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 10
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 198 && b[1] is 18 or 19);
        }

        return (a.GetAddressBytes()[0] & 0xFE) == 0xFC;
    }

    /// <summary>An IPv4 address carried in IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, compatible ::a.b.c.d) is judged as IPv4.</summary>
    private static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && b.AsSpan(12).IndexOfAnyExcept((byte)0) >= 0
            && !address.Equals(IPAddress.IPv6Loopback);
        return nat64 || compatible ? new IPAddress(b.AsSpan(12)) : address;
    }
}
