namespace AdminPortal.Web.Api.Runs;

/// <summary>How far a run is: rows and bytes written so far (the totals once it has ended), and the part being written.</summary>
public sealed record RunProgressResponse(long Rows, long Bytes, int Part, DateTime? UpdatedAtUtc);
