namespace AdminPortal.Core.Security;

/// <summary>What the portal records about access. Each is an audit event of family "adminportal" whose code is the name.</summary>
public enum SecurityEventKind
{
    SetupCompleted,
    SignIn,
    SignInFailed,
    LockedOut,
    SignOut,
    UserCreated,
    RoleChanged,
    UserDisabled,
    UserEnabled,
    IngestionTokenCreated,
    IngestionTokenRevoked,
    UserUnlocked,
}
