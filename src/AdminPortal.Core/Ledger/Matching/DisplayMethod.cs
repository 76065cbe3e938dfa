namespace AdminPortal.Core.Ledger.Matching;

/// <summary>How a match is shown in place of the raw login or target name.</summary>
public enum DisplayMethod
{
    /// <summary>The entity's name (an identity's full name, an account's name column).</summary>
    EntityName,

    /// <summary>"key (parent)": an account as "login (repository)".</summary>
    KeyAndParent,

    /// <summary>The identity's full name: the owner's, as of the event, for an account; the entity's name when it has no owner.</summary>
    IdentityFullName,

    /// <summary>The identity's e-mail address (the owner's for an account); the entity's name without one.</summary>
    IdentityEmail,
}
