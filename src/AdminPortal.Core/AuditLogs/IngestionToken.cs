namespace AdminPortal.Core.AuditLogs;

/// <summary>A credential for the ingestion API. Only its SHA-256 is stored; the token itself is shown once.</summary>
public sealed class IngestionToken
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, so an Admin can tell tokens apart without the secret.</summary>
    public string Prefix { get; set; } = "";

    public byte[] Hash { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }
}
