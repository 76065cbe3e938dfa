namespace AdminPortal.Core.Exports;

/// <summary>
/// How many objects a run writes for events counted per time bucket: one per partition the template implies, and one
/// more for every <see cref="ExportOptions.PartMaxRows"/> rows in a partition. <see cref="About"/> when it may be more:
/// the buckets were capped, or a partition is large enough for <see cref="ExportOptions.PartMaxBytes"/> to cut it first
/// (the stored bytes per row are only known once written). <see cref="Capped"/>: more events than were counted, so
/// more objects than <see cref="Objects"/>.
/// </summary>
public sealed record ExportObjectCount(int Objects, long Rows, bool About, bool Capped, DateTime? FirstEventUtc, DateTime? LastEventUtc)
{
    /// <summary>
    /// Fewer stored bytes than this per event are not seen (a gzipped CSV row of the narrowest element takes more), so a
    /// partition with fewer rows than <see cref="ExportOptions.PartMaxBytes"/> / this is never cut by size.
    /// </summary>
    public const long MinStoredBytesPerRow = 16;

    /// <summary>Folds <paramref name="buckets"/> (of <paramref name="bucketMs"/>, finer than the template's grain or equal) into the template's partitions.</summary>
    public static ExportObjectCount Of(ExportEventBuckets buckets, long bucketMs, ExportUriTemplate template, ExportOptions options)
    {
        if (buckets.Buckets.Count == 0)
        {
            return new ExportObjectCount(0, 0, buckets.Capped, buckets.Capped, null, null);
        }

        var partitions = new Dictionary<DateTime, long>();
        foreach (var (bucket, rows) in buckets.Buckets)
        {
            var partition = template.PartitionStart(ExportEventTime.FromUnixMs(bucket * bucketMs));
            partitions[partition] = partitions.GetValueOrDefault(partition) + rows;
        }

        var sizeMayCut = options.PartMaxBytes / MinStoredBytesPerRow;
        var objects = partitions.Values.Sum(rows => (int)Math.Max(1, (rows + options.PartMaxRows - 1) / options.PartMaxRows));
        return new ExportObjectCount(objects, partitions.Values.Sum(), buckets.Capped || partitions.Values.Any(rows => rows > sizeMayCut), buckets.Capped,
            ExportEventTime.FromUnixMs(buckets.Buckets[0].Bucket * bucketMs),
            ExportEventTime.FromUnixMs((buckets.Buckets[^1].Bucket + 1) * bucketMs));
    }
}
