using AdminPortal.Core.Ledger.Import;
using AdminPortal.Core.Ledger.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Core.Ledger;

public static class LedgerServices
{
    /// <summary>The identity ledger's imports, matching policies and the queries of its matches.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<ImportLedgerFile>();
        services.AddSingleton<LedgerMatcher>();
        services.AddSingleton<SaveMatchingPolicy>();
        services.AddSingleton<ListMatchingPolicies>();
        services.AddSingleton<RunMatchingPolicy>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<GetLedgerSummary>();
        services.AddSingleton<FindLedgerEntities>();
        services.AddSingleton<MatchAfterCollection>();
        services.AddSingleton<AuditLogs.Retention.IRetentionFollower, LedgerMatchRetention>();
        return services;
    }
}
