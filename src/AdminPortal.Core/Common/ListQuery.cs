using System.Linq.Expressions;

namespace AdminPortal.Core.Common;

/// <summary>
/// A page of a list as a grid asks for it: the rows to skip and take, and the column to sort by (a property name of
/// the list's summary record; each list maps it to a column of its own, and an unknown name means the list's default).
/// </summary>
public sealed record ListQuery(int Skip = 0, int Take = ListQuery.DefaultTake, string? SortBy = null, bool Descending = false)
{
    public const int DefaultTake = 50;

    /// <summary>A page is at most this many rows, whatever a caller asks: one request never reads a whole table.</summary>
    public const int MaxTake = 500;

    public int SafeSkip => Math.Max(0, Skip);

    public int SafeTake => Math.Clamp(Take, 1, MaxTake);

    /// <summary>Orders <paramref name="rows"/> by <paramref name="key"/> in this query's direction.</summary>
    public IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key) =>
        Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}
