namespace AdminPortal.CloudStorage.Policies;

/// <summary>What the customer must apply on Google Cloud: a custom role bound to the portal's service account on the bucket.</summary>
public sealed record GcpPolicySet(string CustomRoleJson, IReadOnlyList<string> Permissions, IReadOnlyList<string> CliCommands);
