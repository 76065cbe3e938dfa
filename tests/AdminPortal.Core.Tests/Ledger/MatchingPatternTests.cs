using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Core.Tests.Ledger;

public sealed class MatchingPatternTests
{
    [Theory]
    [InlineData(@"{domain}\{login}", PatternShape.AfterSeparator, "", "", @"\")]
    [InlineData("{login}@{domain}", PatternShape.BeforeSeparator, "", "", "@")]
    [InlineData(@"CONTOSO\{login}", PatternShape.Affixes, @"CONTOSO\", "", "")]
    [InlineData("{name}@corp.example", PatternShape.Affixes, "", "@corp.example", "")]
    public void A_pattern_is_read_as_its_shape_with_its_fixed_parts(string text, PatternShape shape, string prefix, string suffix, string separator)
    {
        Assert.True(MatchingPattern.TryParse(text, out var pattern, out _));

        Assert.Equal(new MatchingPattern(shape, prefix, suffix, separator), pattern);
    }

    [Theory]
    [InlineData(@"{domain}\{user}")]
    [InlineData(@"{domain}\{login}\{more}")]
    [InlineData("{login}{login}")]
    [InlineData(@"x{domain}\{login}")]
    [InlineData("")]
    public void A_pattern_without_one_login_placeholder_in_a_known_shape_is_refused_with_the_shapes_it_may_take(string text)
    {
        Assert.False(MatchingPattern.TryParse(text, out _, out var problem));

        Assert.Contains("PREFIX{login}SUFFIX", problem);
    }
}
