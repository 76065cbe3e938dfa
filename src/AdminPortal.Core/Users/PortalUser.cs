using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Core.Users;

/// <summary>A person who signs in to the portal. Always holds exactly one of <see cref="PortalRoles"/>.</summary>
public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot sign in; existing sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}
