namespace AdminPortal.Cli.Commands;

/// <summary>What delete --json prints.</summary>
public sealed record DeletedAnswer(Guid Id, bool IntegrationDeleted);
