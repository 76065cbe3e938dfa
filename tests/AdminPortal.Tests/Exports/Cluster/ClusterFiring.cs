namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>One execution of <see cref="ClusterTestJob"/>: which node ran which scheduled firing, and whether as a recovery.</summary>
public sealed record ClusterFiring(string Node, string Trigger, DateTimeOffset ScheduledFireTimeUtc, string FireInstanceId, bool Recovering);
