using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace AdminPortal.Tests.Platform;

/// <summary>The page's blazor.web.js is the official script of the ASP.NET Core version the portal runs on.</summary>
public sealed class BlazorScriptTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_page_loads_the_blazor_script_shipped_for_the_running_ASP_NET_Core_version()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);
        var page = await client.GetStringAsync("/");
        var src = Regex.Match(page, "<script src=\"([^\"]*blazor\\.web[^\"]*\\.js)\"");
        Assert.True(src.Success, "The page has no blazor.web.js script tag.");

        var script = await client.GetAsync(src.Groups[1].Value);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        // The SDK adds the script's package at the framework's version; a script of another version (the 9.0 one the
        // portal once extracted) speaks a different reconnect and circuit protocol than this server.
        var served = await script.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(OfficialScriptPath()), served);
    }

    private static string OfficialScriptPath()
    {
        var version = typeof(RazorComponentsEndpointConventionBuilder).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(packages, "microsoft.aspnetcore.app.internal.assets", version);
        var file = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "blazor.web.js", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        Assert.True(file is not null, $"No blazor.web.js in {folder}: the build did not restore the official script of ASP.NET Core {version}.");
        return file!;
    }
}
