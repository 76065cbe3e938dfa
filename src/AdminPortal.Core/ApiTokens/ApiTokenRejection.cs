namespace AdminPortal.Core.ApiTokens;

/// <summary>Why a presented token authenticates nothing; <see cref="AuthenticateApiToken.Describe"/> says it to the caller.</summary>
public enum ApiTokenRejection
{
    Unknown,
    Revoked,
    Expired,
    UserDisabled,
}
