using System.Globalization;

namespace AdminPortal.Core.Cluster;

/// <summary>
/// This portal process as a member of the cluster: one id for its life, which is also its Quartz scheduler instance id.
/// An export run records the id of the node that runs it (scheduled, Send now or API alike: all run in the node's
/// process), so that a run is marked Interrupted only when its node is dead, never while another node still runs it.
/// A new id each start: a restarted node's own earlier runs belong to a dead id and are recovered like any other.
/// </summary>
public sealed class PortalNode
{
    /// <summary>Quartz's instance_name column is 200 characters; the host name is cut to leave room for the rest.</summary>
    public const int MaxIdLength = 200;

    public PortalNode() : this(Environment.MachineName)
    {
    }

    internal PortalNode(string host)
    {
        var name = host.Length > 120 ? host[..120] : host;
        Id = string.Create(CultureInfo.InvariantCulture, $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    public string Id { get; }
}
