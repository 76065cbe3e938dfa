namespace AdminPortal.Benchmarks;

/// <summary>Repeated timings of one operation, in milliseconds.</summary>
internal sealed class Timings(IEnumerable<double> milliseconds)
{
    private readonly double[] sorted = milliseconds.Order().ToArray();

    public double P50 => Percentile(50);

    public double P95 => Percentile(95);

    /// <summary>Nearest rank: of 20 runs, p95 is the 19th fastest.</summary>
    public double Percentile(int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string Ms(double ms) => ms < 10 ? $"{ms:0.0} ms" : $"{ms:N0} ms";
}
