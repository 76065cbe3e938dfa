using System.Collections.Concurrent;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>What the test job saw, shared by the two nodes of a test: each execution with its node and firing.</summary>
public sealed class ClusterFirings
{
    public ConcurrentQueue<ClusterFiring> All { get; } = new();

    /// <summary>Released by the test to let a held job finish.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
