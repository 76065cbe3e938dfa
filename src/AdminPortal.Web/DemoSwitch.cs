using System.Globalization;
using AdminPortal.Core.AuditLogs.Demo;

namespace AdminPortal.Web;

/// <summary>The portal's `--seed-demo N` command-line switch.</summary>
internal static class DemoSwitch
{
    public static int? Count(string[] args)
    {
        var i = Array.IndexOf(args, "--seed-demo");
        if (i < 0)
        {
            return null;
        }

        return i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException("--seed-demo needs a positive number of events, e.g. --seed-demo 1000000");
    }

    public static async Task<int> RunAsync(IServiceProvider services, int count)
    {
        Console.Out.WriteLine($"Generating {count:N0} demo events...");
        var (stored, elapsed) = await services.GetRequiredService<DemoSeeder>().SeedAsync(count, Console.Out);
        Console.Out.WriteLine($"Stored {stored:N0} demo events in {elapsed.TotalSeconds:N1} s ({stored / Math.Max(0.001, elapsed.TotalSeconds):N0} events/s).");
        Console.Out.WriteLine("The portal adds them to the full-text index in the background once it runs; searches find them meanwhile.");
        return 0;
    }
}
