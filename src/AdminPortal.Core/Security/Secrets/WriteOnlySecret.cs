using System.Text.Json.Serialization;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>
/// A secret field of a view model or API body: it can be typed in and saved, never read back. Its text
/// (ToString, logs, Blazor rendering, JSON) is a mask, so a secret cannot reach a log line or the browser by accident.
/// </summary>
[JsonConverter(typeof(WriteOnlySecretJsonConverter))]
public sealed class WriteOnlySecret
{
    public const string StoredMask = "••••(stored)";
    public const string NewMask = "••••(new)";

    private readonly string? newValue;

    private WriteOnlySecret(bool isStored, string? newValue)
    {
        IsStored = isStored;
        this.newValue = newValue;
    }

    /// <summary>A field with nothing stored and nothing typed.</summary>
    public static WriteOnlySecret Empty { get; } = new(false, null);

    /// <summary>A field whose secret is stored (encrypted) and is not shown again.</summary>
    public static WriteOnlySecret Stored { get; } = new(true, null);

    /// <summary>What the user typed; an empty input keeps whatever is stored.</summary>
    public static WriteOnlySecret FromInput(string? typed, bool isStored = false) =>
        string.IsNullOrEmpty(typed) ? (isStored ? Stored : Empty) : new(isStored, typed);

    public bool IsStored { get; }

    public bool HasNewValue => newValue is not null;

    /// <summary>The typed value, for the use case that encrypts and saves it; nothing else should call this.</summary>
    public string RevealNewValue() => newValue ?? throw new InvalidOperationException("No new secret was entered.");

    public override string ToString() => HasNewValue ? NewMask : IsStored ? StoredMask : "";
}
