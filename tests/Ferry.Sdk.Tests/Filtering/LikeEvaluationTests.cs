using Ferry.Sdk.Filtering;
using Ferry.Sdk.Records;
using Xunit;
using Record = Ferry.Sdk.Records.Record;

namespace Ferry.Sdk.Tests.Filtering;

public sealed class LikeEvaluationTests
{
    private static bool Like(string value, string pattern)
    {
        var record = new Record("r");
        record.Metadata["s"] = value;
        var matches = FilterEvaluator.Matches(new LikeFilter(new FieldReference(["s"]), pattern, false), record);
        var notMatches = FilterEvaluator.Matches(new LikeFilter(new FieldReference(["s"]), pattern, true), record);
        Assert.NotEqual(matches, notMatches);
        return matches;
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("a", "", false)]
    [InlineData("", "%", true)]
    [InlineData("anything", "%", true)]
    [InlineData("", "%%", true)]
    [InlineData("", "_", false)]
    [InlineData("a", "_", true)]
    [InlineData("ab", "_", false)]
    [InlineData("abc", "a_c", true)]
    [InlineData("ac", "a_c", false)]
    [InlineData("abbc", "a_c", false)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ABC", false)]
    [InlineData("abcd", "abc", false)]
    [InlineData("abc", "ab%", true)]
    [InlineData("ab", "ab%", true)]
    [InlineData("xab", "ab%", false)]
    [InlineData("xab", "%ab", true)]
    [InlineData("abx", "%ab", false)]
    [InlineData("xaby", "%ab%", true)]
    [InlineData("xay", "%ab%", false)]
    [InlineData("aXbYbZc", "a%b%c", true)]
    [InlineData("aXbYbZ", "a%b%c", false)]
    [InlineData("aaab", "%aab", true)]
    [InlineData("mississippi", "%iss%ppi", true)]
    [InlineData("mississippi", "m%ss_ss%", true)]
    [InlineData("mississippi", "m%ss_sx%", false)]
    [InlineData("ab", "a%%b", true)]
    [InlineData("abc", "%_", true)]
    [InlineData("", "%_", false)]
    [InlineData("abc", "___", true)]
    [InlineData("abc", "____", false)]
    [InlineData("abc", "_%_", true)]
    [InlineData("a", "_%_", false)]
    public void Like_Wildcards_MatchWholeString(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, Like(value, pattern));
    }

    [Theory]
    [InlineData("50%", "50\\%", true)]
    [InlineData("500", "50\\%", false)]
    [InlineData("50% off", "50\\%%", true)]
    [InlineData("a_b", "a\\_b", true)]
    [InlineData("axb", "a\\_b", false)]
    [InlineData("a\\b", "a\\\\b", true)]
    [InlineData("a\\xb", "a\\\\%", true)]
    [InlineData("ab", "a\\b", true)]
    [InlineData("a\\", "a\\", true)]
    [InlineData("a", "a\\", false)]
    [InlineData("%_", "\\%\\_", true)]
    [InlineData("x%_", "%\\%\\_", true)]
    [InlineData("x%y", "%\\%\\_", false)]
    public void Like_BackslashEscapes_MakeNextCharacterLiteral(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, Like(value, pattern));
    }

    [Theory]
    [InlineData("🚀", "_", true)]
    [InlineData("a🚀b", "a_b", true)]
    [InlineData("a🚀b", "a__b", false)]
    [InlineData("🚀🚀x", "%_x", true)]
    [InlineData("é", "_", true)]
    public void Like_Underscore_MatchesOneCharacterIncludingSurrogatePairs(string value, string pattern, bool expected)
    {
        Assert.Equal(expected, Like(value, pattern));
    }

    [Fact]
    public void Like_NonStringValues_NeverMatchEitherWay()
    {
        var record = new Record("r");
        record.Metadata["n"] = 5L;
        record.Metadata["arr"] = MetadataValue.FromArray(["a"]);
        Assert.False(FilterEvaluator.Matches(FilterParser.Parse("n LIKE '%'"), record));
        Assert.False(FilterEvaluator.Matches(FilterParser.Parse("n NOT LIKE 'x'"), record));
        Assert.False(FilterEvaluator.Matches(FilterParser.Parse("arr LIKE '%'"), record));
    }

    [Fact]
    public void Like_Pathological_IsFast()
    {
        // A backtracking regex would be exponential here; the one-backtrack-point matcher is quadratic at worst.
        var value = new string('a', 5000);
        var pattern = string.Concat(Enumerable.Repeat("%a", 40)) + "%b";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Like(value, pattern));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Like_RandomPatterns_AgreeWithReferenceMatcher()
    {
        var random = new Random(31);
        const string Alphabet = "ab%_\\";
        for (var i = 0; i < 5000; i++)
        {
            var pattern = RandomString(random, Alphabet, 6);
            var value = RandomString(random, "ab%_\\", 6);
            Assert.True(Reference(value, 0, Tokens(pattern), 0) == Like(value, pattern), $"'{value}' LIKE '{pattern}'");
        }
    }

    private static string RandomString(Random random, string alphabet, int maxLength)
    {
        var chars = new char[random.Next(maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Pattern tokens for the reference matcher: (char, kind) with kind 0 literal, 1 one, 2 run.</summary>
    private static List<(char C, int Kind)> Tokens(string pattern)
    {
        var tokens = new List<(char, int)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add((pattern[++i], 0));
            }
            else
            {
                tokens.Add((pattern[i], pattern[i] == '%' ? 2 : pattern[i] == '_' ? 1 : 0));
            }
        }

        return tokens;
    }

    /// <summary>The textbook exponential recursive definition of LIKE, as an oracle for short inputs.</summary>
    private static bool Reference(string value, int v, List<(char C, int Kind)> tokens, int t)
    {
        if (t == tokens.Count)
        {
            return v == value.Length;
        }

        var (c, kind) = tokens[t];
        return kind switch
        {
            2 => Reference(value, v, tokens, t + 1) || (v < value.Length && Reference(value, v + 1, tokens, t)),
            1 => v < value.Length && Reference(value, v + 1, tokens, t + 1),
            _ => v < value.Length && value[v] == c && Reference(value, v + 1, tokens, t + 1),
        };
    }
}
