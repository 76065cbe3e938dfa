namespace AdminPortal.Core.Security.Secrets;

/// <summary>What `--rotate-secrets` did.</summary>
public sealed record SecretRotationResult(int Examined, int Rotated, int AlreadyCurrent, int ChangedMeanwhile, IReadOnlyList<SecretRotationFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;

    public override string ToString() =>
        $"{Examined} secrets examined: {Rotated} re-encrypted, {AlreadyCurrent} already current, " +
        $"{ChangedMeanwhile} changed meanwhile (already re-saved), {Failures.Count} failed.";
}
