namespace AdminPortal.Core.Data;

/// <summary>Why the database could not take a request now (<see cref="DatabaseErrors.Classify"/>).</summary>
public enum DatabaseErrorKind
{
    /// <summary>Another transaction was in the way (a lock, a deadlock, a serialization conflict): trying again works.</summary>
    Transient,

    /// <summary>The database cannot be reached or written (no server, no file, a disk or server out of resources).</summary>
    Unavailable,
}
