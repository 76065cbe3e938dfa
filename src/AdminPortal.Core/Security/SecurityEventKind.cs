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
    // Ingestion tokens of earlier releases (now API tokens with audit:ingest): their events stay in the store.
    IngestionTokenCreated,
    IngestionTokenRevoked,
    UserUnlocked,
    ApiTokenCreated,
    ApiTokenRevoked,
}
