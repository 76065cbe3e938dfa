using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Web;

// appsettings.json and the assets manifest sit beside the binaries, wherever the portal is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// Serves MudBlazor's and the portal's assets from the build output too (not only when published or in Development).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddPortalCore(builder.Configuration);
builder.Services.AddPortalWeb(builder.Configuration);

var app = builder.Build();

await app.Services.GetRequiredService<PortalInitializer>().InitializeAsync();
await AdminPortal.Web.Security.DataProtectionKeyRingStore.ImportFilesAsync(
    app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>(),
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value);

// `--seed-demo N`: fill the store with N realistic demo events, then exit.
if (DemoSwitch.Count(args) is { } demoCount)
{
    return await DemoSwitch.RunAsync(app.Services, demoCount);
}

// `--rotate-secrets`: re-encrypt every stored secret under the current master key, then exit.
if (args.Contains("--rotate-secrets"))
{
    var rotation = await app.Services.GetRequiredService<AdminPortal.Core.Security.Secrets.SecretRotation>().RunAsync();
    Console.Out.WriteLine(rotation.ToString());
    foreach (var failure in rotation.Failures)
    {
        Console.Out.WriteLine($"  {failure.Store} {failure.Id}: {failure.Reason}");
    }

    return rotation.Succeeded ? 0 : 1;
}

app.UsePortalPipeline();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.Out.WriteLine($"AdminPortal is running at {url}");
    }
});

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the portal.</summary>
public partial class Program;
