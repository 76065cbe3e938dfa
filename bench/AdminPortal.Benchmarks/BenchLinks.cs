using AdminPortal.Core.Notifications;

namespace AdminPortal.Benchmarks;

/// <summary>The web host's links, which Core's notifications need; the benchmark sends none that anyone opens.</summary>
internal sealed class BenchLinks : IPortalLinks
{
    public string IntegrationSettings => "/";

    public string ExportHistory(int workbookId, Guid scheduleId) => "/";
}
