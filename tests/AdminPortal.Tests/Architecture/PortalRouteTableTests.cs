using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Notifications;
using AdminPortal.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Architecture;

/// <summary>
/// The portal's routes live in one web table (<see cref="PortalUrls"/>): Core gets its links through
/// <see cref="IPortalLinks"/> and holds no path of a page, and the links it is given open real pages.
/// </summary>
public sealed class PortalRouteTableTests
{
    [Fact]
    public void Core_holds_no_route_of_the_portal()
    {
        var routes = PageRoutes().Concat(TableRoutes())
            .Select(r => r.Split('{', '?')[0])
            .Where(r => r.Length > 1)
            .Distinct()
            .ToList();

        var found = CoreStrings().Where(s => routes.Any(route => IsRoute(s, route))).Distinct().Order().ToList();

        Assert.True(found.Count == 0, "AdminPortal.Core holds routes of the web (take them from IPortalLinks): " + string.Join(", ", found));
    }

    [Fact]
    public void The_links_Core_is_given_open_pages_of_the_portal()
    {
        using var services = new ServiceCollection().AddPortalWeb(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).BuildServiceProvider();
        var links = services.GetRequiredService<IPortalLinks>();
        var pages = PageRoutes().ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains(Path(links.IntegrationSettings), pages);
        Assert.Contains(Path(links.ExportHistory(7, Guid.NewGuid())), pages);
        Assert.Equal(PortalUrls.AuditLoggingTab, Query(links.IntegrationSettings)["tab"]);
        var scheduleId = Guid.NewGuid();
        Assert.Equal(scheduleId.ToString("D"), Query(links.ExportHistory(7, scheduleId))["history"]);
    }

    /// <summary>"/admin/settings" starts "/admin/settings?tab=…" and "/admin/settings/x", not "/admin/settingsx".</summary>
    private static bool IsRoute(string text, string route) =>
        (text.StartsWith(route, StringComparison.OrdinalIgnoreCase)
            && (text.Length == route.Length || route.EndsWith('/') || text[route.Length] is '?' or '/' or '#'))
        || text.StartsWith(route[1..] + "?", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> PageRoutes() => typeof(PortalUrls).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(a => a.Template);

    private static IEnumerable<string> TableRoutes() => typeof(PortalUrls)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(s => s.StartsWith('/'));

    /// <summary>Every string Core's code loads (its user-string heap) and every string constant it declares.</summary>
    private static IEnumerable<string> CoreStrings()
    {
        using var file = File.OpenRead(typeof(ExportEngine).Assembly.Location);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        var strings = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            strings.Add(metadata.GetUserString(handle));
        }

        foreach (var field in metadata.FieldDefinitions.Select(metadata.GetFieldDefinition))
        {
            if (!field.GetDefaultValue().IsNil && metadata.GetConstant(field.GetDefaultValue()) is { TypeCode: ConstantTypeCode.String } constant)
            {
                strings.Add(metadata.GetBlobReader(constant.Value).ReadUTF16(metadata.GetBlobReader(constant.Value).Length));
            }
        }

        return strings;
    }

    private static string Path(string link) => link.Split('?')[0];

    private static Dictionary<string, string> Query(string link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://portal" + link).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
