using AdminPortal.Core.Users;

namespace AdminPortal.Core.ApiTokens;

/// <summary>
/// The outcome of presenting a token: the token, the user it acts as (null only for an ownerless ingestion token of an
/// earlier release) and its effective scopes (its own within what the user's role allows now), or why it was refused.
/// </summary>
public sealed record ApiTokenAuthentication(int TokenId, string TokenName, SessionUser? User, IReadOnlyList<string> Scopes, ApiTokenRejection? Rejection)
{
    public bool Succeeded => Rejection is null;

    public static ApiTokenAuthentication Refused(ApiTokenRejection rejection) => new(0, "", null, [], rejection);
}
