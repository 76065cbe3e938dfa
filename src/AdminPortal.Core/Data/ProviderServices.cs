using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Data;

/// <summary>Picks the implementation of a store service for Database:Provider, once, when the service is first asked for.</summary>
internal static class ProviderServices
{
    public static TService ForProvider<TService, TSqlite, TPostgreSql>(this IServiceProvider services)
        where TSqlite : TService
        where TPostgreSql : TService
        where TService : notnull =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSQL
            ? services.GetRequiredService<TPostgreSql>()
            : services.GetRequiredService<TSqlite>();
}
