using AdminPortal.Core;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>
/// A new database of one provider, migrated (with SQLite's search index file), and Core's services over it as the
/// portal registers them, without the HTTP host: the setup of the store's read-side tests
/// (<see cref="AuditReadStoreTests"/>, <see cref="OverviewFiguresStoreTests"/>).
/// </summary>
public abstract class StoreOnProvider(DatabaseProvider provider) : IAsyncLifetime
{
    private ServiceProvider services = null!;

    protected DatabaseProvider Provider { get; } = provider;

    protected TestDatabase Database { get; private set; } = null!;

    protected T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        await using (var db = Database.NewContext())
        {
            await PortalMigrations.MigrateAsync(db, NullLogger.Instance);
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            await SearchIndexFile.EnsureCreatedAsync(Database.Options());
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Database.Settings()).Build();
        services = new ServiceCollection().AddLogging().AddPortalCore(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
