namespace AdminPortal.Core.Common;

/// <summary>One page of a list and how many rows the whole list has.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Total);
