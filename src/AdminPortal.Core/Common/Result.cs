namespace AdminPortal.Core.Common;

/// <summary>
/// The outcome of a use case: success, or messages a person can act on, keyed by the form field that fixes them
/// ("" = the whole form). Failures a person cannot fix are thrown or logged, not returned.
/// </summary>
public class Result
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    protected Result(IReadOnlyDictionary<string, string[]> errors, bool isNotFound = false)
    {
        Errors = errors;
        IsNotFound = isNotFound;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// The failure is that the thing acted on does not exist (or is not the actor's to see): a page shows the message
    /// like any other; the API answers 404 rather than 400.
    /// </summary>
    public bool IsNotFound { get; }

    public IEnumerable<string> AllMessages => Errors.SelectMany(e => e.Value);

    public static Result Success { get; } = new(NoErrors);

    public static Result Fail(string field, string message) => new(ByField([(field, message)]));

    public static Result Fail(IEnumerable<(string Field, string Message)> errors) => new(ByField(errors));

    /// <summary>The thing acted on no longer exists (see <see cref="IsNotFound"/>); the message is for the whole form.</summary>
    public static Result NotFound(string message) => new(ByField([("", message)]), isNotFound: true);

    /// <summary>Success carrying what the use case made or changed.</summary>
    public static Result<T> Ok<T>(T value) => new(value, NoErrors);

    /// <summary>This failure (a check's) as the failure of a use case that would have returned a value.</summary>
    public Result<T> AsFailure<T>() =>
        Succeeded ? throw new InvalidOperationException("A success is not a failure.") : new(default, Errors, IsNotFound);

    protected static IReadOnlyDictionary<string, string[]> ByField(IEnumerable<(string Field, string Message)> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
