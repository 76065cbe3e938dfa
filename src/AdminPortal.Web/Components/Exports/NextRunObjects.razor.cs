using System.Globalization;
using AdminPortal.Core.Exports;
using Microsoft.AspNetCore.Components;

namespace AdminPortal.Web.Components.Exports;

/// <summary>
/// Under the object name: how many objects the next run would write, and for an hourly template over more than a few
/// days of events, the daily template with its count and a button that takes it.
/// </summary>
public sealed partial class NextRunObjects
{
    [Parameter] public NextRunEstimate? Estimate { get; set; }

    /// <summary>Receives the daily template when the user takes it.</summary>
    [Parameter] public EventCallback<string> OnUseDaily { get; set; }

    internal static string Sentence(NextRunEstimate estimate) => estimate.Count.Objects == 0
        ? "The next run would write no object now: no stored event is in its window yet."
        : $"The next run would write {Objects(estimate.Count)} for {estimate.Count.Rows.ToString("N0", CultureInfo.InvariantCulture)} " +
          $"event{(estimate.Count.Rows == 1 ? "" : "s")} ({Grain(estimate.Grain)}).";

    internal static string Suggestion(ExportObjectCount hourly, ExportObjectCount daily)
    {
        var days = (int)Math.Ceiling((hourly.LastEventUtc - hourly.FirstEventUtc)?.TotalDays ?? 0);
        return $"These events span {days} days: one object per hour makes many small files. With one object per day the run writes {Objects(daily)}.";
    }

    /// <summary>"721 objects", "about 12 objects" (parts may be cut by size), "more than 10,000 objects" (the count was capped).</summary>
    private static string Objects(ExportObjectCount count)
    {
        var number = count.Objects.ToString("N0", CultureInfo.InvariantCulture);
        var noun = count.Objects == 1 ? "object" : "objects";
        return count.Capped ? $"more than {number} {noun}" : count.About ? $"about {number} {noun}" : $"{number} {noun}";
    }

    private static string Grain(PartitionGrain grain) => grain switch
    {
        PartitionGrain.Hour => "one per hour that has events",
        PartitionGrain.Day => "one per day that has events",
        PartitionGrain.Month => "one per month that has events",
        PartitionGrain.Year => "one per year that has events",
        _ => "one for the whole run",
    } + ", cut in parts when large";
}
