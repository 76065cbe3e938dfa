namespace AdminPortal.Core.Common;

/// <summary>A <see cref="Result"/> that carries the use case's value when it succeeded.</summary>
public sealed class Result<T> : Result
{
    internal Result(T? value, IReadOnlyDictionary<string, string[]> errors, bool isNotFound = false) : base(errors, isNotFound) => Value = value;

    /// <summary>Set when <see cref="Result.Succeeded"/>; default otherwise.</summary>
    public T? Value { get; }

    public static new Result<T> Fail(string field, string message) => new(default, ByField([(field, message)]));

    public static new Result<T> Fail(IEnumerable<(string Field, string Message)> errors) => new(default, ByField(errors));

    public static new Result<T> NotFound(string message) => new(default, ByField([("", message)]), isNotFound: true);
}
