namespace AdminPortal.Web.Api.Users;

/// <summary>The new user's id.</summary>
public sealed record CreatedUserResponse(string Id);
