namespace AdminPortal.Core.ApiTokens;

/// <summary>The limits of a token and the action names of the role check's message.</summary>
public static class ApiTokenRules
{
    public const int MaxNameLength = 100;

    /// <summary>A year and a day, so that "365 days" chosen on a page a moment ago is still inside it.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    public const string ManageAction = "manage API tokens";

    public const string NotFound = "That token no longer exists.";

    /// <summary>An expiry as UTC; a time without a zone is taken as UTC, as the API's times are.</summary>
    public static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
}
