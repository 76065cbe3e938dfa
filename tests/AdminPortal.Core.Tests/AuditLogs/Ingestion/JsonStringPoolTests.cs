using System.Text;
using System.Text.Json;
using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>
/// The batch's pool of short repeated values, looked up on their UTF-8 bytes: an equal value comes back as the same
/// string, any other value as its own exact text, whatever its case, script or length.
/// </summary>
public class JsonStringPoolTests
{
    [Theory]
    [InlineData("snowflake")]
    [InlineData("Zürich ☃ 東京")]
    [InlineData("")]
    public void An_equal_value_comes_back_as_the_same_string(string value)
    {
        var pool = new JsonStringPool();

        var first = pool.Text(Encoding.UTF8.GetBytes(value));
        var second = pool.Text(Encoding.UTF8.GetBytes(value));

        Assert.Equal(value, first);
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("snowflake", "SNOWFLAKE")]
    [InlineData("snow", "snowflake")]
    [InlineData("café", "cafe")]
    [InlineData("ab", "ba")]
    public void Values_that_differ_in_case_length_or_accent_each_keep_their_own_text(string one, string other)
    {
        var pool = new JsonStringPool();

        var first = pool.Text(Encoding.UTF8.GetBytes(one));
        var second = pool.Text(Encoding.UTF8.GetBytes(other));

        Assert.Equal(one, first);
        Assert.Equal(other, second);
        Assert.Equal(one, pool.Text(Encoding.UTF8.GetBytes(one)));
    }

    [Fact]
    public void A_value_up_to_the_limit_in_bytes_is_shared_and_a_longer_one_is_not()
    {
        var pool = new JsonStringPool();
        var atLimit = new string('a', JsonStringPool.MaxPooledLength);
        // 33 characters of two bytes each: under the limit in characters, over it in bytes.
        var overInBytes = new string('é', JsonStringPool.MaxPooledLength / 2 + 1);

        Assert.Same(pool.Text(Encoding.UTF8.GetBytes(atLimit)), pool.Text(Encoding.UTF8.GetBytes(atLimit)));
        var first = pool.Text(Encoding.UTF8.GetBytes(overInBytes));
        var second = pool.Text(Encoding.UTF8.GetBytes(overInBytes));
        Assert.Equal(overInBytes, first);
        Assert.Equal(overInBytes, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_full_pool_still_gives_each_new_value_its_text_and_keeps_sharing_the_values_it_holds()
    {
        var pool = new JsonStringPool();
        var kept = pool.Text("value-0"u8);
        for (var i = 1; i < 4096; i++)
        {
            pool.Text(Encoding.UTF8.GetBytes($"value-{i}"));
        }

        var first = pool.Text("one more"u8);
        var second = pool.Text("one more"u8);

        Assert.Equal("one more", first);
        Assert.NotSame(first, second);
        Assert.Same(kept, pool.Text("value-0"u8));
    }

    [Fact]
    public void An_escaped_value_is_unescaped_and_not_taken_for_the_shared_value_of_its_raw_text()
    {
        var pool = new JsonStringPool();
        using var document = JsonDocument.Parse("""["caf\u00e9","caf\\u00e9","café"]""");
        var values = document.RootElement.EnumerateArray().ToArray();

        var plain = pool.Text(@"caf\u00e9"u8);

        Assert.Equal(@"caf\u00e9", plain);
        Assert.Equal("café", pool.Text(values[0]));
        Assert.Equal(@"caf\u00e9", pool.Text(values[1]));
        Assert.Same(pool.Text(values[2]), pool.Text("café"u8));
    }
}
