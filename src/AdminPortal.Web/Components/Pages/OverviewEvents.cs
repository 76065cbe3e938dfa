using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.Components.Pages;

/// <summary>The events part of the overview: counts since midnight UTC and over 24 hours, the hourly histogram and the ingestion rate.</summary>
public sealed record OverviewEvents(AuditPage Today, AuditPage Last24Hours, IReadOnlyList<HistogramBucket> Hours, IngestionRate Ingestion);
