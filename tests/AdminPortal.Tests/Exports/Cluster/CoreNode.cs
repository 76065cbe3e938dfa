using AdminPortal.Core;
using AdminPortal.Tests.Infrastructure.Databases;
using AdminPortal.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>
/// The services of one portal node without its web host, as AddPortalCore registers them on the test database, with
/// Quartz checking in every second.
/// </summary>
public static class CoreNode
{
    // The web's links, which Core's notifiers take (the node here has Core's services without the web host's).
    private static readonly Lazy<AdminPortal.Core.Notifications.IPortalLinks> WebLinks = new(() =>
        new ServiceCollection().AddPortalWeb(new ConfigurationBuilder().Build()).BuildServiceProvider()
            .GetRequiredService<AdminPortal.Core.Notifications.IPortalLinks>());

    public static ServiceCollection Services(TestDatabase database)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.Settings())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Exports:ClusterCheckinSeconds"] = "1" }).Build();
        var services = new ServiceCollection();
        services.AddLogging().AddSingleton<IConfiguration>(settings)
            .AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .AddPortalCore(settings)
            .AddSingleton(WebLinks.Value);
        return services;
    }
}
