using AdminPortal.Core.Security.Secrets;
using static AdminPortal.Core.Tests.Security.Secrets.SecretsTestKeys;

namespace AdminPortal.Core.Tests.Security.Secrets;

public class SecretProtectorTests
{
    private const string Purpose = "integration:42:secretAccessKey";
    private const string Plaintext = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly SecretProtector protector = Protector(NewKey());

    [Fact]
    public void A_protected_secret_unprotects_to_the_same_text()
    {
        var secret = protector.Protect(Plaintext, Purpose);

        Assert.Equal(Plaintext, protector.Unprotect(secret, Purpose));
    }

    [Fact]
    public void Unicode_and_empty_secrets_round_trip()
    {
        Assert.Equal("pä$$wört ✓", protector.Unprotect(protector.Protect("pä$$wört ✓", Purpose), Purpose));
        Assert.Equal("", protector.Unprotect(protector.Protect("", Purpose), Purpose));
    }

    [Fact]
    public void The_stored_form_is_one_versioned_string_that_parses_back()
    {
        var secret = protector.Protect(Plaintext, Purpose);

        var stored = secret.ToString();

        Assert.Matches(@"^v1\.[0-9a-f]{16}\.[A-Za-z0-9+/=]+$", stored);
        Assert.DoesNotContain(Plaintext, stored);
        Assert.Equal(secret, EncryptedSecret.Parse(stored));
        Assert.Equal(Plaintext, protector.Unprotect(EncryptedSecret.Parse(stored), Purpose));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext-typed-into-the-database")]
    [InlineData("v2.abc.AAAA")]
    [InlineData("v1.bad id.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1.abc.not*base64")]
    [InlineData("v1.abc.AAAA")]
    public void A_malformed_stored_string_is_refused_without_echoing_it(string stored)
    {
        Assert.False(EncryptedSecret.TryParse(stored, out _));
        var error = Assert.Throws<FormatException>(() => EncryptedSecret.Parse(stored));
        Assert.Contains("v1.<keyId>.", error.Message);
        if (stored.Length > 0)
        {
            Assert.DoesNotContain(stored, error.Message);
        }
    }

    [Fact]
    public void Each_protection_uses_a_new_nonce()
    {
        var first = protector.Protect(Plaintext, Purpose);
        var second = protector.Protect(Plaintext, Purpose);

        Assert.Equal(12, first.Nonce.Length);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.NotEqual(first.ToString(), second.ToString());
    }

    public static TheoryData<string> Parts => ["nonce", "ciphertext", "tag"];

    [Theory]
    [MemberData(nameof(Parts))]
    public void A_tampered_secret_does_not_decrypt(string part)
    {
        var secret = protector.Protect(Plaintext, Purpose);
        var bytes = part switch { "nonce" => secret.Nonce, "ciphertext" => secret.Ciphertext, _ => secret.Tag };
        bytes[^1] ^= 0x01;

        var error = Assert.Throws<SecretDecryptionException>(() => protector.Unprotect(secret, Purpose));

        Assert.Contains(Purpose, error.Message);
        Assert.DoesNotContain(Plaintext, error.Message);
    }

    [Fact]
    public void A_secret_copied_to_another_field_does_not_decrypt()
    {
        var secret = protector.Protect(Plaintext, Purpose);

        Assert.Throws<SecretDecryptionException>(() => protector.Unprotect(secret, "integration:43:secretAccessKey"));
        Assert.Throws<SecretDecryptionException>(() => protector.Unprotect(secret, "integration:42:sasToken"));
    }

    [Fact]
    public void A_secret_from_a_previous_key_decrypts_after_the_key_is_rotated()
    {
        var oldKey = NewKey();
        var secret = Protector(oldKey).Protect(Plaintext, Purpose);

        var rotated = Protector(NewKey(), oldKey);

        Assert.Equal(Plaintext, rotated.Unprotect(secret, Purpose));
        Assert.True(rotated.NeedsRotation(secret));
        Assert.False(rotated.NeedsRotation(rotated.Protect(Plaintext, Purpose)));
    }

    [Fact]
    public void A_secret_under_an_unknown_key_names_the_key_and_the_fix_but_not_the_secret()
    {
        var secret = Protector(NewKey()).Protect(Plaintext, Purpose);

        var error = Assert.Throws<SecretKeyNotFoundException>(() => protector.Unprotect(secret, Purpose));

        Assert.Equal(secret.KeyId, error.KeyId);
        Assert.Contains($"'{secret.KeyId}'", error.Message);
        Assert.Contains("Secrets:PreviousKeys", error.Message);
        Assert.DoesNotContain(Plaintext, error.Message);
    }

    [Fact]
    public void A_named_master_key_stamps_its_name_on_each_secret()
    {
        var named = new SecretProtector(MasterKeyRing.Load(new SecretsOptions { MasterKey = NewKey(), MasterKeyId = "2026-11" }, "/unused"));

        Assert.StartsWith("v1.2026-11.", named.Protect(Plaintext, Purpose).ToString());
    }

    [Fact]
    public void An_unnamed_key_is_identified_by_the_first_8_bytes_of_its_sha256()
    {
        var key = NewKey();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromBase64String(key))[..8]);

        Assert.Equal(expected, Ring(key).Current.Id);
    }
}
