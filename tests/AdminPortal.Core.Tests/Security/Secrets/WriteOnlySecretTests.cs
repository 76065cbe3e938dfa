using System.Text.Json;
using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Core.Tests.Security.Secrets;

public class WriteOnlySecretTests
{
    private const string Typed = "hunter2-Secret-Value";

    private sealed record IntegrationForm(string Bucket, WriteOnlySecret SecretAccessKey);

    [Fact]
    public void A_stored_secret_shows_only_the_mask()
    {
        Assert.Equal("••••(stored)", WriteOnlySecret.Stored.ToString());
        Assert.Equal("", WriteOnlySecret.Empty.ToString());
    }

    [Fact]
    public void A_typed_secret_never_shows_its_value_in_text()
    {
        var secret = WriteOnlySecret.FromInput(Typed);

        Assert.Equal("••••(new)", secret.ToString());
        Assert.DoesNotContain(Typed, $"{secret}");
        Assert.DoesNotContain(Typed, new IntegrationForm("b", secret).ToString());
        Assert.Equal(Typed, secret.RevealNewValue());
    }

    [Fact]
    public void Json_carries_a_typed_secret_in_but_only_the_mask_out()
    {
        var form = JsonSerializer.Deserialize<IntegrationForm>($$"""{"Bucket":"b","SecretAccessKey":"{{Typed}}"}""")!;

        var json = JsonSerializer.Serialize(form);

        Assert.Equal(Typed, form.SecretAccessKey.RevealNewValue());
        Assert.DoesNotContain(Typed, json);
        Assert.Contains("(new)", JsonSerializer.Deserialize<JsonElement>(json).GetProperty("SecretAccessKey").GetString());
    }

    [Fact]
    public void An_empty_input_keeps_what_is_stored()
    {
        var secret = WriteOnlySecret.FromInput("", isStored: true);

        Assert.True(secret.IsStored);
        Assert.False(secret.HasNewValue);
        Assert.Throws<InvalidOperationException>(secret.RevealNewValue);
    }
}
