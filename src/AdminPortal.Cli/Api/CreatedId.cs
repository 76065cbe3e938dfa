namespace AdminPortal.Cli.Api;

/// <summary>201 <c>{ id }</c>.</summary>
public sealed record CreatedId(Guid Id);
