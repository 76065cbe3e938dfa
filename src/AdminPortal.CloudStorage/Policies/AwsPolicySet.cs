namespace AdminPortal.CloudStorage.Policies;

/// <summary>What the customer must apply on AWS: the access policy, the role trust policy, a lifecycle backstop and the CLI that applies them.</summary>
public sealed record AwsPolicySet(string AccessPolicyJson, string TrustPolicyJson, string LifecycleJson, IReadOnlyList<string> CliCommands);
