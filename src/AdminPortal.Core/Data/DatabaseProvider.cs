namespace AdminPortal.Core.Data;

/// <summary>Which database holds the portal's data (Database:Provider).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the portal, nothing to install: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by ConnectionStrings:Portal, for several portal nodes on one database.</summary>
    PostgreSQL,
}
