namespace AdminPortal.Core.ApiTokens;

/// <summary>A token with its owner's e-mail, as the list queries read it (init properties, so that the database can sort on them).</summary>
internal sealed class ApiTokenRow
{
    public required ApiToken Token { get; init; }

    public string? OwnerEmail { get; init; }
}
