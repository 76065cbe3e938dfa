namespace AdminPortal.Core.Common;

/// <summary>
/// The outcome of a use case: success, or messages a person can act on, keyed by the form field that fixes them
/// ("" = the whole form). Failures a person cannot fix are thrown or logged, not returned.
/// </summary>
public class Result
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    protected Result(IReadOnlyDictionary<string, string[]> errors) => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public IEnumerable<string> AllMessages => Errors.SelectMany(e => e.Value);

    public static Result Success { get; } = new(NoErrors);

    public static Result Fail(string field, string message) => new(ByField([(field, message)]));

    public static Result Fail(IEnumerable<(string Field, string Message)> errors) => new(ByField(errors));

    /// <summary>Success carrying what the use case made or changed.</summary>
    public static Result<T> Ok<T>(T value) => new(value, NoErrors);

    /// <summary>This failure (a check's) as the failure of a use case that would have returned a value.</summary>
    public Result<T> AsFailure<T>() =>
        Succeeded ? throw new InvalidOperationException("A success is not a failure.") : new(default, Errors);

    protected static IReadOnlyDictionary<string, string[]> ByField(IEnumerable<(string Field, string Message)> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
