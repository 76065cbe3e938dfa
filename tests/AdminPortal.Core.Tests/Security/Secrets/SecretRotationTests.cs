using System.Runtime.CompilerServices;
using AdminPortal.Core.Security.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using static AdminPortal.Core.Tests.Security.Secrets.SecretsTestKeys;

namespace AdminPortal.Core.Tests.Security.Secrets;

public class SecretRotationTests
{
    private readonly string oldKey = NewKey();
    private readonly string newKey = NewKey();

    [Fact]
    public async Task Rotation_re_encrypts_only_rows_under_a_previous_key_and_they_decrypt_afterwards()
    {
        var before = Protector(oldKey);
        var after = Protector(newKey, oldKey);
        var store = new InMemorySecretStore(
            new StoredSecret("1", "integration:1:secretAccessKey", before.Protect("aws-secret", "integration:1:secretAccessKey")),
            new StoredSecret("2", "integration:2:accountKey", after.Protect("azure-key", "integration:2:accountKey")),
            new StoredSecret("3", "integration:3:serviceAccountJson", before.Protect("{\"gcp\":1}", "integration:3:serviceAccountJson")));
        var untouched = store.Rows["2"].Secret;

        var result = await Rotation(after, store).RunAsync();

        Assert.Equal((3, 2, 1, 0, true), (result.Examined, result.Rotated, result.AlreadyCurrent, result.ChangedMeanwhile, result.Succeeded));
        Assert.All(store.Rows.Values, row => Assert.False(after.NeedsRotation(row.Secret)));
        Assert.Same(untouched, store.Rows["2"].Secret);
        Assert.Equal("aws-secret", Protector(newKey).Unprotect(store.Rows["1"].Secret, "integration:1:secretAccessKey"));
        Assert.Equal("{\"gcp\":1}", Protector(newKey).Unprotect(store.Rows["3"].Secret, "integration:3:serviceAccountJson"));
    }

    [Fact]
    public async Task A_second_rotation_finds_nothing_to_do()
    {
        var after = Protector(newKey, oldKey);
        var store = new InMemorySecretStore(new StoredSecret("1", "p", Protector(oldKey).Protect("v", "p")));
        await Rotation(after, store).RunAsync();

        var result = await Rotation(after, store).RunAsync();

        Assert.Equal((1, 0, 1), (result.Examined, result.Rotated, result.AlreadyCurrent));
    }

    [Fact]
    public async Task A_row_under_an_unknown_key_is_reported_and_the_others_still_rotate()
    {
        var after = Protector(newKey, oldKey);
        var store = new InMemorySecretStore(
            new StoredSecret("lost", "p", Protector(NewKey()).Protect("lost-secret", "p")),
            new StoredSecret("ok", "p", Protector(oldKey).Protect("fine", "p")));

        var result = await Rotation(after, store).RunAsync();

        var failure = Assert.Single(result.Failures);
        Assert.Equal(("memory", "lost"), (failure.Store, failure.Id));
        Assert.Contains("Secrets:PreviousKeys", failure.Reason);
        Assert.DoesNotContain("lost-secret", failure.Reason);
        Assert.Equal(1, result.Rotated);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_row_edited_during_the_rotation_keeps_the_edit()
    {
        var after = Protector(newKey, oldKey);
        var store = new InMemorySecretStore(new StoredSecret("1", "p", Protector(oldKey).Protect("old", "p")));
        var edit = after.Protect("edited", "p");
        store.BeforeReplace = () => store.Rows["1"] = store.Rows["1"] with { Secret = edit };

        var result = await Rotation(after, store).RunAsync();

        Assert.Equal((0, 1), (result.Rotated, result.ChangedMeanwhile));
        Assert.Equal("edited", after.Unprotect(store.Rows["1"].Secret, "p"));
    }

    private static SecretRotation Rotation(SecretProtector protector, ISecretStore store) =>
        new([store], protector, NullLogger<SecretRotation>.Instance);

    private sealed class InMemorySecretStore(params StoredSecret[] rows) : ISecretStore
    {
        public Dictionary<string, StoredSecret> Rows { get; } = rows.ToDictionary(r => r.Id);

        public Action? BeforeReplace { get; set; }

        public string Name => "memory";

        public async IAsyncEnumerable<StoredSecret> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
        {
            foreach (var row in Rows.Values.ToList())
            {
                await Task.Yield();
                yield return row;
            }
        }

        public Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct)
        {
            BeforeReplace?.Invoke();
            if (!Rows[expected.Id].Secret.Equals(expected.Secret))
            {
                return Task.FromResult(false);
            }
            Rows[expected.Id] = expected with { Secret = replacement };
            return Task.FromResult(true);
        }
    }
}
