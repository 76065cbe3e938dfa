namespace AdminPortal.CloudStorage.Policies;

/// <summary>What the customer must grant on Azure: consent to the portal's app, then a role assignment on the container.</summary>
public sealed record AzurePolicySet(string RoleName, string Scope, string ConsentUrl, string Hint, IReadOnlyList<string> CliCommands);
