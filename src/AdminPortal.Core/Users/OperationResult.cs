namespace AdminPortal.Core.Users;

/// <summary>The outcome of a use case: success, or messages a person can act on, keyed by field ("" = the whole form).</summary>
public sealed class OperationResult
{
    private OperationResult(IReadOnlyDictionary<string, string[]> errors) => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static OperationResult Success { get; } = new(new Dictionary<string, string[]>());

    public static OperationResult Fail(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    public static OperationResult Fail(IEnumerable<(string Field, string Message)> errors) =>
        new(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public IEnumerable<string> AllMessages => Errors.SelectMany(e => e.Value);
}
